// The invented practices of the demo directory (demo_directory.hpp).
#include "demo/demo_directory.hpp"

#include <cstdint>
#include <iterator>
#include <string>

namespace mn::demo {

namespace {

constexpr core::TrainingMask kNoTraining = 0;
constexpr core::TrainingMask kMedical = core::training_bit(core::Training::medical_massage);
constexpr core::TrainingMask kSports = core::training_bit(core::Training::sports_massage);
constexpr core::TrainingMask kMyofascial = core::training_bit(core::Training::myofascial_release);
constexpr core::TrainingMask kTriggerPoint =
    core::training_bit(core::Training::trigger_point_therapy);
constexpr core::TrainingMask kPrenatal = core::training_bit(core::Training::prenatal);
constexpr core::TrainingMask kOncology = core::training_bit(core::Training::oncology);
constexpr core::TrainingMask kLymphatic = core::training_bit(core::Training::lymphatic);

constexpr core::StyleMask kTherapeutic = core::style_bit(core::Style::therapeutic);
constexpr core::StyleMask kRelaxation = core::style_bit(core::Style::relaxation);

// The session lengths a practice offers, a bit each.
constexpr std::uint8_t kThirty = 1;
constexpr std::uint8_t kSixty = 2;
constexpr std::uint8_t kNinety = 4;

struct Practice {
  const char* name;
  const char* practice;
  const char* licence;  // "" for none on record
  bool board_certified;
  core::TrainingMask training;
  core::StyleMask styles;
  bool accepts_medical_input;
  core::Setting setting;
  double latitude;
  double longitude;
  const char* address;
  std::uint32_t hourly_rate;  // whole currency units for 60 minutes
  std::uint8_t lengths;       // kThirty | kSixty | kNinety
  std::uint8_t openings_per_week;
  std::uint32_t review_count;
  double rating;
};

constexpr Practice kPractices[] = {
    {"Theo Marsh", "Marsh Clinical Massage", "LR-MT-1041", true,
     kMedical | kMyofascial | kTriggerPoint, kTherapeutic, true, core::Setting::clinical, 45.52894,
     -122.6886, "4 Heron Row, Lonerock", 95, kThirty | kSixty | kNinety, 2, 86, 4.7},
    {"Wren Halloway", "Cedar Lane Bodywork", "LR-MT-2213", false, kMyofascial | kPrenatal,
     kTherapeutic | kRelaxation, false, core::Setting::calm, 45.54567, -123.03196,
     "12 Cedar Lane, Lonerock Heights", 80, kSixty | kNinety, 3, 142, 4.5},
    {"Juniper Oakes", "Juniper Hollow Massage", "LR-MT-0877", false, kNoTraining, kRelaxation,
     false, core::Setting::calm, 45.45617, -122.78428, "88 Hollow Road, North Lonerock", 60,
     kSixty | kNinety, 4, 57, 4.2},
    {"Rowan Thistlewood", "Thistlewood Sports Therapy", "LR-MT-3302", true,
     kSports | kMyofascial | kTriggerPoint, kTherapeutic, true, core::Setting::clinical, 45.23884,
     -122.87796, "301 Mill Street, Lonerock Heights", 110, kThirty | kSixty | kNinety, 1, 231, 4.8},
    {"Marigold Fenwick", "Fenwick Prenatal Care", "LR-MT-1190", true, kPrenatal | kLymphatic,
     kTherapeutic | kRelaxation, true, core::Setting::calm, 45.50802, -122.66866,
     "7 Lark Court, Lonerock", 90, kSixty | kNinety, 2, 118, 4.9},
    {"Ansel Brightwater", "Brightwater Oncology Massage", "LR-MT-0655", true,
     kMedical | kOncology | kLymphatic, kTherapeutic, true, core::Setting::clinical, 45.54222,
     -122.64825, "19 River Bend, Lonerock", 120, kThirty | kSixty, 1, 64, 4.9},
    {"Sorrel Quill", "Quill Myofascial Studio", "LR-MT-2750", false, kMyofascial, kTherapeutic,
     false, core::Setting::calm, 45.36921, -122.79949, "55 Fern Avenue, Ferris Flats", 85,
     kSixty | kNinety, 3, 39, 4.4},
    {"Bramble Ashdown", "Ashdown Trigger Point Clinic", "LR-MT-1822", true,
     kMedical | kTriggerPoint, kTherapeutic, true, core::Setting::clinical, 45.48811, -122.57817,
     "230 Quarry Lane, Pine Hollow", 100, kThirty | kSixty, 2, 175, 4.6},
    {"Linnet Coldbrook", "Coldbrook Lymphatic Care", "LR-MT-0931", true, kOncology | kLymphatic,
     kTherapeutic | kRelaxation, true, core::Setting::calm, 45.40872, -122.60203,
     "3 Spring Walk, Pine Hollow", 105, kSixty | kNinety, 1, 47, 4.8},
    {"Oskar Pinecrest", "Pinecrest Relaxation Rooms", "", false, kNoTraining, kRelaxation, false,
     core::Setting::calm, 45.62272, -122.90582, "140 Summit Drive, Ferris Flats", 55,
     kSixty | kNinety, 5, 310, 4.1},
    {"Hazel Windrow", "Windrow Medical Massage", "LR-MT-1478", true,
     kMedical | kSports | kTriggerPoint, kTherapeutic, true, core::Setting::clinical, 45.49022,
     -122.70106, "61 Granary Square, Lonerock", 130, kThirty | kSixty | kNinety, 0, 398, 4.9},
    {"Corin Mossgrove", "Mossgrove Bodywork", "LR-MT-2604", false, kSports | kMyofascial,
     kTherapeutic | kRelaxation, false, core::Setting::calm, 45.53415, -122.66637,
     "9 Moss Way, Lonerock", 75, kSixty, 4, 22, 3.9},
    {"Petra Larkspur", "Larkspur Calm Studio", "", false, kNoTraining, kRelaxation, false,
     core::Setting::calm, 45.49499, -122.77616, "26 Meadow Street, Millbrook Crossing", 50,
     kThirty | kSixty | kNinety, 5, 12, 3.6},
    {"Ilya Stonebridge", "Stonebridge Sports Massage", "LR-MT-3015", false, kSports, kTherapeutic,
     false, core::Setting::clinical, 45.51518, -122.5186, "410 Depot Road, Old Quarry", 85,
     kThirty | kSixty, 3, 96, 4.3},
    {"Fern Alderly", "Alderly Wellness Massage", "LR-MT-1733", false, kPrenatal, kRelaxation, false,
     core::Setting::calm, 45.56532, -122.67044, "17 Alder Close, Lonerock", 70, kSixty | kNinety, 2,
     0, 0},
    {"Tobin Greyfield", "Greyfield Rehab Massage", "LR-MT-0412", true, kMedical | kMyofascial,
     kTherapeutic, true, core::Setting::clinical, 45.68152, -122.96184,
     "72 Foundry Street, Lonerock Heights", 115, kThirty | kSixty, 1, 143, 4.6},
    {"Aurelia Dunmore", "Dunmore Mother and Baby Massage", "LR-MT-2288", true,
     kPrenatal | kLymphatic, kTherapeutic | kRelaxation, true, core::Setting::calm, 45.71563,
     -122.57747, "5 Orchard Rise, Pine Hollow", 95, kSixty | kNinety, 2, 205, 4.8},
    {"Caspian Reedley", "Reedley Massage Practice", "LR-MT-3550", false, kTriggerPoint,
     kTherapeutic, false, core::Setting::clinical, 45.47892, -122.36619,
     "48 Reed Street, Pine Hollow", 65, kThirty | kSixty, 4, 8, 3.2},
    {"Nell Brackenridge", "Brackenridge Therapeutic Touch", "LR-MT-1264", false,
     kMedical | kMyofascial, kTherapeutic, true, core::Setting::calm, 45.33009, -122.87623,
     "233 Bracken Hill, Ferris Flats", 90, kSixty | kNinety, 2, 61, 4.4},
    {"Silas Underhill", "Underhill Quiet Massage", "", false, kNoTraining, kRelaxation, false,
     core::Setting::calm, 45.80812, -122.89795, "11 Lantern Lane, Millbrook Crossing", 48,
     kSixty | kNinety, 5, 0, 0},
    {"Ivy Coppergate", "Coppergate Clinic Massage", "LR-MT-0799", true, kMedical | kOncology,
     kTherapeutic, true, core::Setting::clinical, 45.3364, -122.56248,
     "96 Copper Street, Lonerock Heights", 125, kThirty | kSixty | kNinety, 1, 88, 4.7},
    {"Emrys Holloway", "Holloway Fascia Works", "LR-MT-2046", false, kMyofascial | kTriggerPoint,
     kTherapeutic, false, core::Setting::calm, 45.48019, -122.88377, "38 Kiln Road, North Lonerock",
     80, kSixty | kNinety, 3, 34, 4.0},
    {"Dahlia Northcott", "Northcott Lymph and Recovery", "LR-MT-1655", true,
     kPrenatal | kOncology | kLymphatic, kTherapeutic | kRelaxation, true, core::Setting::calm,
     45.76875, -122.68892, "150 North Road, Old Quarry", 110, kSixty | kNinety, 1, 52, 4.9},
    {"Bastian Wrenfield", "Wrenfield Athletic Massage", "LR-MT-3127", false,
     kSports | kTriggerPoint, kTherapeutic, false, core::Setting::clinical, 45.5454, -122.45988,
     "12 Stadium Way, Old Quarry", 90, kThirty | kSixty, 3, 267, 4.5},
    {"Clover Ashgrove", "Ashgrove Relaxation House", "LR-MT-2399", false, kNoTraining, kRelaxation,
     false, core::Setting::calm, 45.52782, -122.64995, "64 Willow Bank, Lonerock", 65,
     kSixty | kNinety, 4, 189, 4.4},
    {"Matthias Eddington", "Eddington Medical Bodywork", "LR-MT-0528", true,
     kMedical | kMyofascial | kTriggerPoint, kTherapeutic, true, core::Setting::clinical, 45.55075,
     -122.59733, "7 Infirmary Lane, Lonerock", 140, kThirty | kSixty | kNinety, 0, 121, 5.0},
    {"Rosalind Tarn", "Tarn Lakeside Massage", "LR-MT-2871", false, kPrenatal,
     kTherapeutic | kRelaxation, false, core::Setting::calm, 45.52703, -122.72636,
     "2 Tarn Shore, Lonerock", 75, kSixty | kNinety, 2, 73, 4.6},
    {"Felix Amberley", "Amberley Massage Collective", "LR-MT-1960", false, kSports | kMyofascial,
     kTherapeutic | kRelaxation, false, core::Setting::calm, 45.56003, -122.82423,
     "81 Market Street, Millbrook Crossing", 70, kThirty | kSixty | kNinety, 5, 154, 4.2},
    {"Odile Hearthstone", "Hearthstone Oncology Touch", "LR-MT-0704", true, kOncology | kLymphatic,
     kTherapeutic | kRelaxation, true, core::Setting::calm, 45.32118, -122.47949,
     "29 Chapel Street, Ferris Flats", 100, kSixty, 2, 29, 4.8},
    {"Gideon Fairweather", "Fairweather Trigger Point Studio", "LR-MT-3388", false,
     kSports | kTriggerPoint, kTherapeutic, false, core::Setting::clinical, 45.53559, -122.95346,
     "155 Weather Hill, North Lonerock", 80, kThirty | kSixty, 3, 3, 3.7},
};

// A short session costs a little more per hour and a long one a little less,
// as practices tend to price them: 55% and 145% of the hourly rate.
void set_prices(const Practice& practice, core::Therapist& therapist) {
  struct Length {
    std::uint8_t bit;
    std::uint16_t minutes;
    std::uint32_t percent_of_hourly;
  };
  constexpr Length kLengths[] = {{kThirty, 30, 55}, {kSixty, 60, 100}, {kNinety, 90, 145}};
  therapist.price_count = 0;
  for (const Length& length : kLengths) {
    if ((practice.lengths & length.bit) == 0) continue;
    // The rate is in whole units: rate x percent is the price in cents.
    therapist.prices[therapist.price_count++] = {length.minutes,
                                                 practice.hourly_rate * length.percent_of_hourly};
  }
}

}  // namespace

std::vector<store::DirectoryEntry> demo_directory() {
  std::vector<store::DirectoryEntry> entries;
  entries.reserve(std::size(kPractices));
  for (const Practice& practice : kPractices) {
    store::DirectoryEntry entry;
    core::Therapist& therapist = entry.therapist;
    const std::string number = std::to_string(entries.size() + 1);
    therapist.id = "lr-" + std::string(3 - number.size(), '0') + number;
    therapist.name = practice.name;
    therapist.practice = practice.practice;
    therapist.licence = practice.licence;
    therapist.board_certified = practice.board_certified;
    therapist.training = practice.training;
    therapist.styles = practice.styles;
    therapist.accepts_medical_input = practice.accepts_medical_input;
    therapist.setting = practice.setting;
    therapist.location = {practice.latitude, practice.longitude};
    set_prices(practice, therapist);
    therapist.openings_per_week = practice.openings_per_week;
    therapist.review_count = practice.review_count;
    therapist.rating = practice.rating;
    entry.address = practice.address;
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace mn::demo
