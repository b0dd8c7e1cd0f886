// mn_durability_writer DATABASE_URL PATIENT FIRST_TIME
//
// Adds one journal entry at a time for PATIENT, at FIRST_TIME, FIRST_TIME+1,
// ..., and after each write the store acknowledged prints "saved TIME" and
// flushes, until killed. The durability test (tests/unit/durability_test.cpp)
// kills it with SIGKILL and checks that every printed time is stored.
#include <charconv>
#include <iostream>
#include <string>

#include "store/open_store.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: mn_durability_writer DATABASE_URL PATIENT FIRST_TIME\n";
    return 2;
  }
  const std::string url_text = argv[1];
  const std::string patient_text = argv[2];
  const std::string first_text = argv[3];
  std::int64_t patient = 0;
  std::int64_t time = 0;
  std::from_chars(patient_text.data(), patient_text.data() + patient_text.size(), patient);
  std::from_chars(first_text.data(), first_text.data() + first_text.size(), time);
  auto url = mn::store::parse_database_url(url_text, "DATABASE_URL");
  if (!url) {
    std::cerr << url.error().describe() << "\n";
    return 2;
  }
  const mn::store::SystemClock clock;
  auto store = mn::store::open_store(*url, clock);
  if (!store) {
    std::cerr << store.error().describe() << "\n";
    return 1;
  }
  const mn::store::Actor actor{"durability-writer"};
  for (;; ++time) {
    mn::core::JournalEntry entry;
    entry.time = time;
    entry.pain[2] = static_cast<int>(time % 11);
    entry.activities = {{"walking the dog", static_cast<int>(time % 7)}};
    entry.notes = "entry " + std::to_string(time);
    auto saved = (*store)->add_journal_entries(actor, patient, std::span(&entry, 1));
    if (!saved) {
      std::cerr << saved.error().describe() << "\n";
      return 1;
    }
    std::cout << "saved " << time << std::endl;  // flushed: the test reads it at once
  }
}
