#include <catch2/catch.hpp>

#include "ime/ink.h"

using namespace hall::ime;

TEST_CASE("Ink keeps strokes in pad coordinates and skips a resting finger", "[ime][ink]") {
    Ink ink(300, 200);
    ink.begin_stroke({10, 10});
    ink.add_point({10.5f, 10.5f});   // jitter under kMinStep
    ink.add_point({50, 10});
    ink.add_point({400, -20});       // off the pad: clamped to its edge
    CHECK(ink.end_stroke());
    REQUIRE(ink.strokes().size() == 1);
    const Stroke& s = ink.strokes()[0];
    REQUIRE(s.size() == 3);
    CHECK(s[1].x == 50);
    CHECK(s[2].x == 300);
    CHECK(s[2].y == 0);
    CHECK_FALSE(ink.end_stroke());   // nothing in progress
    ink.add_point({60, 60});         // a move without a finger down is ignored
    CHECK(ink.strokes()[0].size() == 3);
}

TEST_CASE("Ink undo removes the last stroke and clear removes all", "[ime][ink]") {
    Ink ink(100, 100);
    for (int i = 0; i < 3; ++i) {
        ink.begin_stroke({float(i * 10), 0});
        ink.add_point({float(i * 10), 50});
        ink.end_stroke();
    }
    CHECK(ink.strokes().size() == 3);
    ink.undo_stroke();
    CHECK(ink.strokes().size() == 2);
    CHECK(ink.strokes()[1][0].x == 10);
    ink.clear();
    CHECK(ink.empty());
    ink.undo_stroke();
    CHECK(ink.empty());
}

TEST_CASE("Ink caps scribbling", "[ime][ink]") {
    Ink ink(100, 100);
    for (std::size_t i = 0; i < Ink::kMaxStrokes + 10; ++i) {
        ink.begin_stroke({1, 1});
        ink.end_stroke();
    }
    CHECK(ink.strokes().size() == Ink::kMaxStrokes);
    ink.clear();
    ink.begin_stroke({0, 0});
    for (int i = 1; i < 2000; ++i) ink.add_point({float(i % 100), float((i * 7) % 100)});
    CHECK(ink.strokes()[0].size() == Ink::kMaxPointsPerStroke);
}
