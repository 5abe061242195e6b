#include "ui/damage.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace hall::ui {
namespace {

constexpr std::uint64_t kSeed = 0x9E3779B97F4A7C15ULL;

inline std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    h ^= v + kSeed + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdULL;
}

inline std::uint64_t mix_bytes(std::uint64_t h, const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (; n >= 8; n -= 8, b += 8) {
        std::uint64_t v;
        std::memcpy(&v, b, 8);
        h = mix(h, v);
    }
    std::uint64_t v = 0;
    std::memcpy(&v, b, n);
    return mix(h, v);
}

constexpr std::uint64_t kEmpty = ~0ULL;
constexpr std::uint32_t kAmbiguous = 0;
constexpr std::uint64_t kFontTexture = 0x666f6e74ULL;   // stands for the atlas's texture, whatever its name

inline std::size_t slot_of(std::uint32_t texel, std::size_t mask) {
    return static_cast<std::size_t>((texel * 0x9E3779B1u) >> 7) & mask;
}

}  // namespace

void GlyphKeys::reserve(std::size_t corners) {
    std::size_t n = 1024;
    while (n < corners * 2) n *= 2;
    if (n <= slots_.size()) return;
    std::vector<std::uint64_t> old;
    old.swap(slots_);
    slots_.assign(n, kEmpty);
    used_ = 0;
    for (std::uint64_t e : old)
        if (e != kEmpty) {
            const auto texel = static_cast<std::uint32_t>(e >> 32);
            add(static_cast<int>(texel & 0xffff), static_cast<int>(texel >> 16), static_cast<std::uint32_t>(e));
        }
}

void GlyphKeys::grow() { reserve(slots_.empty() ? 512 : slots_.size()); }

void GlyphKeys::add(int x, int y, std::uint32_t key) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    const std::uint32_t texel = static_cast<std::uint32_t>(x & 0xffff) | static_cast<std::uint32_t>(y & 0xffff) << 16;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(texel, mask);; i = (i + 1) & mask) {
        std::uint64_t& e = slots_[i];
        if (e == kEmpty) {
            e = static_cast<std::uint64_t>(texel) << 32 | key;
            ++used_;
            return;
        }
        if (static_cast<std::uint32_t>(e >> 32) == texel) {
            if (static_cast<std::uint32_t>(e) != key) e = static_cast<std::uint64_t>(texel) << 32 | kAmbiguous;
            return;
        }
    }
}

std::uint32_t GlyphKeys::find(int x, int y) const {
    if (slots_.empty() || x < 0 || y < 0) return 0;
    const std::uint32_t texel = static_cast<std::uint32_t>(x & 0xffff) | static_cast<std::uint32_t>(y & 0xffff) << 16;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(texel, mask);; i = (i + 1) & mask) {
        const std::uint64_t e = slots_[i];
        if (e == kEmpty) return 0;
        if (static_cast<std::uint32_t>(e >> 32) == texel) return static_cast<std::uint32_t>(e);
    }
}

DamageRect Damage::update(const ImDrawData& draw, int width, int height) {
    const int cols = (width + kTile - 1) / kTile, rows = (height + kTile - 1) / kTile;
    cur_.assign(static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows), kSeed);
    const ImVec2 off = draw.DisplayPos;
    for (int l = 0; l < draw.CmdListsCount; ++l) {
        const ImDrawList* list = draw.CmdLists[l];
        const ImDrawVert* vtx = list->VtxBuffer.Data;
        const ImDrawIdx* idx = list->IdxBuffer.Data;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) continue;
            const float cx0 = std::max(0.f, cmd.ClipRect.x - off.x), cy0 = std::max(0.f, cmd.ClipRect.y - off.y);
            const float cx1 = std::min(static_cast<float>(width), cmd.ClipRect.z - off.x);
            const float cy1 = std::min(static_cast<float>(height), cmd.ClipRect.w - off.y);
            if (cx1 <= cx0 || cy1 <= cy0) continue;
            std::uint64_t ch = mix_bytes(kSeed, &cmd.ClipRect, sizeof cmd.ClipRect);
            const auto texture = reinterpret_cast<std::uintptr_t>(cmd.TextureId);
            const bool by_glyph = keys_ && texture == font_texture_;
            ch = mix(ch, by_glyph ? kFontTexture : static_cast<std::uint64_t>(texture));
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawVert* t[3] = {&vtx[cmd.VtxOffset + idx[cmd.IdxOffset + i]], &vtx[cmd.VtxOffset + idx[cmd.IdxOffset + i + 1]],
                                          &vtx[cmd.VtxOffset + idx[cmd.IdxOffset + i + 2]]};
                float x0 = t[0]->pos.x, x1 = x0, y0 = t[0]->pos.y, y1 = y0;
                for (const ImDrawVert* v : {t[1], t[2]}) {
                    x0 = std::min(x0, v->pos.x);
                    x1 = std::max(x1, v->pos.x);
                    y0 = std::min(y0, v->pos.y);
                    y1 = std::max(y1, v->pos.y);
                }
                x0 = std::max(x0 - off.x, cx0);
                y0 = std::max(y0 - off.y, cy0);
                x1 = std::min(x1 - off.x, cx1);
                y1 = std::min(y1 - off.y, cy1);
                if (x1 < x0 || y1 < y0) continue;
                std::uint64_t h = ch;
                if (by_glyph) {
                    // The glyph a corner shows, not where the atlas keeps it; a texture
                    // coordinate that is no glyph's corner (the white pixel and the lines, which
                    // the atlas packs first and so keeps in place; a clipped glyph) is hashed as
                    // the exact texel position it names.
                    for (const ImDrawVert* v : t) {
                        h = mix_bytes(h, &v->pos, sizeof v->pos);
                        h = mix(h, v->col);
                        const ImVec2 texel(v->uv.x * static_cast<float>(font_w_), v->uv.y * static_cast<float>(font_h_));
                        const std::uint32_t key = keys_->find(static_cast<int>(std::lround(texel.x)), static_cast<int>(std::lround(texel.y)));
                        if (key && texel.x == std::round(texel.x) && texel.y == std::round(texel.y)) h = mix(h, key);
                        else h = mix(mix_bytes(h, &texel, sizeof texel), 1);
                    }
                } else {
                    for (const ImDrawVert* v : t) h = mix_bytes(h, v, sizeof(ImDrawVert));
                }
                const int tx0 = std::clamp(static_cast<int>(x0) / kTile, 0, cols - 1), tx1 = std::clamp(static_cast<int>(x1) / kTile, 0, cols - 1);
                const int ty0 = std::clamp(static_cast<int>(y0) / kTile, 0, rows - 1), ty1 = std::clamp(static_cast<int>(y1) / kTile, 0, rows - 1);
                for (int ty = ty0; ty <= ty1; ++ty)
                    for (int tx = tx0; tx <= tx1; ++tx) {
                        std::uint64_t& tile = cur_[static_cast<std::size_t>(ty) * cols + tx];
                        tile = mix(tile, h);   // in drawing order: blending depends on it
                    }
            }
        }
    }
    DamageRect r;
    if (cols != cols_ || rows != rows_ || prev_.size() != cur_.size()) {
        r = {0, 0, width, height};
    } else {
        int bx0 = cols, by0 = rows, bx1 = -1, by1 = -1;
        for (int ty = 0; ty < rows; ++ty)
            for (int tx = 0; tx < cols; ++tx) {
                const std::size_t i = static_cast<std::size_t>(ty) * cols + tx;
                if (cur_[i] == prev_[i]) continue;
                bx0 = std::min(bx0, tx);
                bx1 = std::max(bx1, tx);
                by0 = std::min(by0, ty);
                by1 = std::max(by1, ty);
            }
        if (bx1 >= 0) r = {bx0 * kTile, by0 * kTile, std::min(width, (bx1 + 1) * kTile), std::min(height, (by1 + 1) * kTile)};
    }
    cols_ = cols;
    rows_ = rows;
    prev_.swap(cur_);
    return r;
}

void Damage::clip(ImDrawData& draw, const DamageRect& r) {
    const ImVec2 off = draw.DisplayPos;
    for (int l = 0; l < draw.CmdListsCount; ++l)
        for (ImDrawCmd& cmd : draw.CmdLists[l]->CmdBuffer) {
            ImVec4& c = cmd.ClipRect;
            c.x = std::max(c.x, r.x0 + off.x);
            c.y = std::max(c.y, r.y0 + off.y);
            c.z = std::min(c.z, r.x1 + off.x);
            c.w = std::min(c.w, r.y1 + off.y);
            if (c.z < c.x) c.z = c.x;   // empty: the renderer skips it
            if (c.w < c.y) c.w = c.y;
        }
}

}  // namespace hall::ui
