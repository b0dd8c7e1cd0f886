#pragma once

#include "core/assessment.hpp"

namespace mn::core {

// The engine: a pure function of the compiled knowledge base, one person's
// intake and the date. No I/O, no clock, no string look-ups but the
// matching of the free-text conditions and medications the person listed
// against the term dictionary. Never throws on an intake that passed
// validation. The result refers to `knowledge` by index and must not
// outlive it.
Assessment assess(const KnowledgeBase& knowledge, const Intake& intake, Date today);

}  // namespace mn::core
