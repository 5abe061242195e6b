#pragma once
// Charts drawn with ImGui's draw list, recorded for the driver and the layout check.
#include <cstdint>
#include <string>
#include <vector>

#include "ui/widgets.h"

namespace hall::ui {

// Horizontal bars, one per label, scaled to max_value; each value's text beside its bar.
// Each row is recorded as text "label value" under key + "." + index.
void bar_chart(Ui& ui, const std::string& key, const std::vector<std::string>& labels, const std::vector<double>& values,
               double max_value, const std::vector<std::string>& value_texts, ImU32 bar_colour, float label_w);

// Vertical bars over days (oldest first), scaled to the largest count, every fifth day
// labelled under its bar ("11-25" from "2026-11-25").
struct DayBar {
    std::string day;  // local YYYY-MM-DD
    std::int64_t count = 0;
};
void day_columns(Ui& ui, const std::vector<DayBar>& days, float height);

}  // namespace hall::ui
