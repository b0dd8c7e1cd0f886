#pragma once

#include "service/course_review.hpp"
#include "web/view.hpp"

namespace mn::web {

// A course for progress.html: the flags, one chart (server-drawn SVG) and
// table per measure, the sessions, and the current plan with why it
// changed or stays.
void show_progress(const core::KnowledgeBase& knowledge, const service::CourseReview& review,
                   Values& values);

}  // namespace mn::web
