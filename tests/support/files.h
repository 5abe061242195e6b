#pragma once
// Whole files in and out, for tests that check what a program wrote or prepare what it reads.
#include <string>

namespace hall::test {

// The bytes of the file; empty when it cannot be read (tests check the content, not errno).
std::string read_text(const std::string& path);
// Writes text to path (replacing it); false when it could not be written.
bool write_text(const std::string& path, const std::string& text);

}  // namespace hall::test
