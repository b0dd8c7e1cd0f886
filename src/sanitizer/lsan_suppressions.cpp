// What LeakSanitizer must not report, for every sanitized program that runs
// the libraries named here (linked only into sanitizer builds; see
// CMakeLists.txt). Each line is a library's own leak, not ours:
// - libpqxx 6.4 leaks libpq's result of a statement during which the
//   connection was lost: pqxx::connection_base::make_result reads the client
//   encoding, which throws on a dead connection, before it owns the result.
//   The store tests lose connections on purpose.
// - fontconfig (under Pango, for the handoff PDF) keeps its configuration and
//   font patterns for the life of the process and never frees them.
extern "C" const char* __lsan_default_suppressions() {  // NOLINT(bugprone-reserved-identifier)
  return "leak:libpqxx\nleak:libfontconfig\n";
}
