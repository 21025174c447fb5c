#pragma once
// `xxgk review`: the review page and its API over HTTP on 127.0.0.1 (cpp-httplib).
//
//   GET  /                              the page (the run's token in it)
//   GET  /review.js, /review.css
//   GET  /api/reports                   the list
//   GET  /api/reports/ID                one report: record, form, flags, corrections
//   GET  /api/reports/ID/crop?key=K     PNG: the value's cell and its neighbourhood
//   GET  /api/reports/ID/page/N?key=K   PNG: the page, the cell outlined
//   POST /api/reports/ID/review         {"key", "action": confirm|correct|undo, "value"}
//   GET  /api/reports/ID/export?format=json|csv|xlsx
//
// Safe by default: it binds loopback unless told otherwise; it serves only the results given
// and their sources (no path comes from a request); a request naming another host is refused
// (a web page cannot reach it by DNS rebinding); a change needs the X-Review-Token header the
// page was given, which another site open in the same browser cannot read.

#include <memory>
#include <string>

#include "xxgk/review/review_session.hpp"

namespace xxgk::review {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;       // 0: a free port
  std::string token;  // empty: a random one
};

class ReviewServer {
 public:
  // Binds at once; throws ReviewError(500) when it cannot.
  ReviewServer(ReviewSession &session, ServerOptions options);
  ~ReviewServer();

  int port() const;
  std::string url() const;  // http://HOST:PORT/
  const std::string &token() const;
  void run();   // serves until stop()
  void stop();  // from another thread or a signal handler's thread

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A random token of 128 bits, hex.
std::string random_token();

}  // namespace xxgk::review
