# Turns a file into a C++ source defining `std::string_view xxgk::embedded::SYMBOL()`.
# Bytes become a char array rather than a string literal: compilers cap literal length.
file(READ "${IN}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${content}")
file(WRITE "${OUT}" "#include <string_view>\nnamespace xxgk::embedded {\nstatic const char data[] = {${body} 0};\nstd::string_view ${SYMBOL}() { return {data, sizeof(data) - 1}; }\n}  // namespace xxgk::embedded\n")
