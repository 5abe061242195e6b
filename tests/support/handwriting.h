#pragma once
// Reads tests/ime/fixtures/handwriting.txt: hand-typed strokes of known characters.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "ime/ink.h"

namespace hall::test {

struct WrittenCharacter {
    std::string expected;
    float width = 0;
    float height = 0;
    std::vector<ime::Stroke> strokes;
    int line = 0;   // where it starts, for failure messages
};

inline std::vector<WrittenCharacter> load_handwriting_fixture(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::vector<WrittenCharacter> out;
    WrittenCharacter current;
    bool open = false;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        std::istringstream words(line);
        std::string verb;
        if (!(words >> verb) || verb[0] == '#') continue;
        const auto bad = [&](const std::string& why) {
            return std::runtime_error(path + ":" + std::to_string(n) + ": " + why);
        };
        if (verb == "char") {
            if (open) throw bad("'char' before 'end'");
            current = WrittenCharacter{};
            current.line = n;
            if (!(words >> current.expected >> current.width >> current.height)) throw bad("want: char C W H");
            open = true;
        } else if (verb == "stroke") {
            if (!open) throw bad("'stroke' outside a character");
            ime::Stroke s;
            std::string xy;
            while (words >> xy) {
                ime::InkPoint p;
                char comma = 0;
                std::istringstream pair(xy);
                if (!(pair >> p.x >> comma >> p.y) || comma != ',') throw bad("bad point '" + xy + "'");
                s.push_back(p);
            }
            if (s.empty()) throw bad("empty stroke");
            current.strokes.push_back(s);
        } else if (verb == "end") {
            if (!open || current.strokes.empty()) throw bad("'end' without strokes");
            out.push_back(current);
            open = false;
        } else {
            throw bad("unknown line '" + verb + "'");
        }
    }
    if (open) throw std::runtime_error(path + ": last character has no 'end'");
    return out;
}

}  // namespace hall::test
