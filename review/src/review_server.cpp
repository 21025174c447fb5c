#include "xxgk/review/review_server.hpp"

#include <httplib.h>

#include <fstream>
#include <random>

namespace xxgk::embedded {
std::string_view review_index_html();
std::string_view review_js();
std::string_view review_css();
}  // namespace xxgk::embedded

namespace xxgk::review {
namespace {

// A correction is a few hundred bytes; anything much larger is not one.
constexpr size_t max_request_bytes = 64 * 1024;
// Report ids are indexes into the results given: nine digits is more than any run holds.
constexpr size_t max_id_digits = 9;
constexpr const char *token_header = "X-Review-Token";
constexpr const char *token_placeholder = "{{TOKEN}}";

void send_error(httplib::Response &res, int status, const std::string &message) {
  res.status = status;
  res.set_content(nlohmann::json{{"error", message}}.dump(), "application/json; charset=utf-8");
}

void send_json(httplib::Response &res, const nlohmann::json &j) {
  res.set_content(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
}

size_t report_id(const httplib::Request &req) {
  const std::string digits = req.matches[1];
  if (digits.size() > max_id_digits) throw ReviewError(404, "no report " + digits);
  return std::stoul(digits);
}

bool is_loopback(const std::string &host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

}  // namespace

struct ReviewServer::Impl {
  ReviewSession &session;
  ServerOptions options;
  httplib::Server server;
  int port = 0;

  Impl(ReviewSession &s, ServerOptions o) : session(s), options(std::move(o)) {}

  // Loopback names only, when bound to loopback: a page of another site that resolves its own
  // name to 127.0.0.1 (DNS rebinding) sends its own name as Host.
  bool host_allowed(const httplib::Request &req) const {
    if (!is_loopback(options.host)) return true;
    std::string host = req.get_header_value("Host");
    std::string suffix = ":" + std::to_string(port);
    for (const char *name : {"127.0.0.1", "localhost", "[::1]"})
      if (host == name + suffix) return true;
    return false;
  }

  std::string page() const {
    std::string html(embedded::review_index_html());
    size_t at = html.find(token_placeholder);
    if (at != std::string::npos) html.replace(at, std::string(token_placeholder).size(), options.token);
    return html;
  }

  // Runs a handler, turning its ReviewError into the status it stands for.
  template <typename F>
  httplib::Server::Handler guarded(F f) {
    return [f](const httplib::Request &req, httplib::Response &res) {
      try {
        f(req, res);
      } catch (const ReviewError &e) {
        send_error(res, e.status(), e.what());
      } catch (const std::exception &e) {
        send_error(res, 500, std::string("internal error: ") + e.what());
      }
    };
  }

  void routes() {
    server.set_payload_max_length(max_request_bytes);
    server.set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
      if (host_allowed(req)) return httplib::Server::HandlerResponse::Unhandled;
      send_error(res, 403, "this server answers to 127.0.0.1 and localhost only");
      return httplib::Server::HandlerResponse::Handled;
    });
    server.Get("/", [this](const httplib::Request &, httplib::Response &res) {
      res.set_header("Cache-Control", "no-store");
      res.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self'; frame-ancestors 'none'");
      res.set_content(page(), "text/html; charset=utf-8");
    });
    server.Get("/review.js", [](const httplib::Request &, httplib::Response &res) {
      res.set_content(std::string(embedded::review_js()), "text/javascript; charset=utf-8");
    });
    server.Get("/review.css", [](const httplib::Request &, httplib::Response &res) {
      res.set_content(std::string(embedded::review_css()), "text/css; charset=utf-8");
    });
    server.Get("/api/reports",
               guarded([this](const httplib::Request &, httplib::Response &res) { send_json(res, session.list()); }));
    server.Get(R"(/api/reports/(\d+))", guarded([this](const httplib::Request &req, httplib::Response &res) {
                 send_json(res, session.report(report_id(req)));
               }));
    server.Get(R"(/api/reports/(\d+)/crop)", guarded([this](const httplib::Request &req, httplib::Response &res) {
                 if (!req.has_param("key")) throw ReviewError(400, "crop needs ?key=<table>.<row>.<column>");
                 res.set_content(session.crop(report_id(req), req.get_param_value("key")), "image/png");
               }));
    server.Get(R"(/api/reports/(\d+)/page/(\d{1,5}))",
               guarded([this](const httplib::Request &req, httplib::Response &res) {
                 int page = std::stoi(std::string(req.matches[2]));
                 res.set_content(session.page(report_id(req), page, req.get_param_value("key")), "image/png");
               }));
    server.Post(R"(/api/reports/(\d+)/review)",
                guarded([this](const httplib::Request &req, httplib::Response &res) { review(req, res); }));
    server.Get(R"(/api/reports/(\d+)/export)",
               guarded([this](const httplib::Request &req, httplib::Response &res) { exported(req, res); }));
  }

  void review(const httplib::Request &req, httplib::Response &res) {
    if (req.get_header_value(token_header) != options.token)
      throw ReviewError(403, "a change needs the page's token (X-Review-Token): reload the review page");
    nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("key") || !body["key"].is_string() || !body.contains("action") ||
        !body["action"].is_string())
      throw ReviewError(
          400, R"(the body is JSON: {"key": "<table>.<row>.<column>", "action": "confirm|correct|undo", "value": N})");
    send_json(res, session.review(report_id(req), body["key"], body["action"], body.value("value", nlohmann::json())));
  }

  void exported(const httplib::Request &req, httplib::Response &res) {
    std::string name = req.has_param("format") ? req.get_param_value("format") : "json";
    ExportFormat format;
    const char *type;
    if (name == "json") {
      format = ExportFormat::json;
      type = "application/json; charset=utf-8";
    } else if (name == "csv") {
      format = ExportFormat::csv;
      type = "text/csv; charset=utf-8";
    } else if (name == "xlsx") {
      format = ExportFormat::xlsx;
      type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    } else {
      throw ReviewError(400, "format is json, csv or xlsx, not '" + name + "'");
    }
    size_t id = report_id(req);
    std::string body = session.export_report(id, format);
    res.set_header("Content-Disposition", "attachment; filename=\"" + session.export_name(id, format) + "\"");
    res.set_content(body, type);
  }
};

std::string random_token() {
  std::ifstream urandom("/dev/urandom", std::ios::binary);
  unsigned char bytes[16] = {};
  if (!urandom.read(reinterpret_cast<char *>(bytes), sizeof bytes)) {
    std::random_device rd;  // no /dev/urandom (a container without it): the library's own source
    for (auto &b : bytes) b = static_cast<unsigned char>(rd());
  }
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) out += {hex[b >> 4], hex[b & 15]};
  return out;
}

ReviewServer::ReviewServer(ReviewSession &session, ServerOptions options)
    : impl_(std::make_unique<Impl>(session, std::move(options))) {
  if (impl_->options.token.empty()) impl_->options.token = random_token();
  impl_->routes();
  if (impl_->options.port == 0)
    impl_->port = impl_->server.bind_to_any_port(impl_->options.host);
  else if (impl_->server.bind_to_port(impl_->options.host, impl_->options.port))
    impl_->port = impl_->options.port;
  else
    impl_->port = -1;
  if (impl_->port <= 0)
    throw ReviewError(500, "cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port));
}

ReviewServer::~ReviewServer() {
  stop();
}

int ReviewServer::port() const {
  return impl_->port;
}

std::string ReviewServer::url() const {
  std::string host = impl_->options.host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->port) + "/";
}

const std::string &ReviewServer::token() const {
  return impl_->options.token;
}

void ReviewServer::run() {
  impl_->server.listen_after_bind();
}

void ReviewServer::stop() {
  impl_->server.stop();
}

}  // namespace xxgk::review
