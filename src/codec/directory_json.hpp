#pragma once

// The therapist directory in the JSON bodies of the HTTP API, with the
// conventions of api_json.hpp: compact JSON written from stored entries,
// untrusted request bodies read strictly (errors "invalid" with the JSON
// path as where). Pure functions, safe to call from any thread; none throws.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/directory.hpp"

namespace mn::codec {

// {"id": store id, "code", "name", "practice", "licence"?, "board_certified",
//  "training": [names], "styles": [names], "accepts_medical_input",
//  "setting", "location": {"latitude", "longitude"}, "address",
//  "prices": [{"minutes", "price"}], "openings_per_week", "review_count",
//  "rating", "account"?: account id, "updated_at": ISO 8601 UTC}.
// "code" is therapist.id; training names are core::kTrainingNames, styles
// "therapeutic" and "relaxation", setting "calm" or "clinical"; a price is in
// currency units (8050 cents is 80.5). "licence" is left out when empty,
// "account" when there is none.
std::string directory_entry_to_json(const store::DirectoryEntry& entry);
// {"therapists": [entry, ...]}, in the order given.
std::string directory_to_json(const std::vector<store::DirectoryEntry>& entries);

// Reads {"therapists": [entry, ...]} with 1..kMaxDirectoryBatch entries, each
// with the members above except "id" and "updated_at" (which the server
// sets): "code", "name", "board_certified", "training" (may be []),
// "styles", "accepts_medical_input", "setting", "location", "address",
// "prices", "openings_per_week", "review_count" and "rating" are required;
// "practice", "licence" and "account" may be left out. A price has at most
// two decimals. Each entry is then checked with store::check_directory_entry
// (entry, "therapists[i]"), so errors name "therapists[2].rating"; the first
// problem of the first entry that has one is returned. The entries have no
// store id, clinic or update time.
inline constexpr std::size_t kMaxDirectoryBatch = 1000;
Result<std::vector<store::DirectoryEntry>> parse_directory_entries(std::string_view body);

}  // namespace mn::codec
