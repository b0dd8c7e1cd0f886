#pragma once

#include <vector>

#include "store/directory.hpp"

namespace mn::demo {

// The demo clinic's directory: thirty invented practices (made-up names,
// streets and licence numbers; no real business or person) in and around
// the invented town of Lonerock (45.52, -122.68), 0.5 to 40 km out. A mix a
// real directory might have: licensed and board-certified therapists and
// others without either, all seven trainings, prenatal and oncology care,
// some who take input from a medical team, calm and clinical rooms, 30-,
// 60- and 90-minute sessions at 45 to 160 per hour, 0 to 5 openings a week
// and 0 to 400 reviews rated 3.2 to 5.0. Codes are "lr-001" to "lr-030".
//
// Pure and deterministic; uses the store's types only (no store function),
// so it links against mn_core alone. The entries have no store id, clinic,
// account or update time: put_therapists sets them.
std::vector<store::DirectoryEntry> demo_directory();

}  // namespace mn::demo
