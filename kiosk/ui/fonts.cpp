#include "ui/fonts.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <imgui.h>
#include <imgui_freetype.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "core/text.h"

namespace hall::ui {
namespace {

constexpr const char* kNotoRegular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr const char* kNotoBold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
constexpr const char* kWqy = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
// Face indices inside Noto's TTC (fc-query): 2 = SC, 3 = TC.
constexpr int kNotoSC = 2, kNotoTC = 3;

struct Sizes {
    float small, body, heading, title, digits;
};
constexpr Sizes kNormal{24, 30, 40, 54, 80};
constexpr Sizes kLarge{30, 38, 50, 64, 96};  // 適老化: body well above 18 dp, largest above 30 dp

// The atlas's fonts in the order they are added (and cached): body, small, heading, title, digits.
constexpr int kFontCount = 5;
constexpr char kCacheMagic[8] = {'H', 'K', 'A', 'T', 'L', 'A', 'S', '1'};
constexpr std::size_t kCachesKept = 6;   // styles (language x text size) and recent content

// A font file mapped read-only once: every size and every build reads the same pages, and
// only the pages FreeType touches count towards the kiosk's memory.
struct MappedFont {
    std::string path;
    void* data = nullptr;
    std::size_t size = 0;
    long long mtime_ns = 0;
    bool map(const std::string& p) {
        const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return false;
        struct stat st {};
        if (fstat(fd, &st) != 0 || st.st_size <= 0) {
            ::close(fd);
            return false;
        }
        void* m = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (m == MAP_FAILED) return false;
        madvise(m, static_cast<std::size_t>(st.st_size), MADV_RANDOM);  // glyph outlines are scattered
        path = p;
        data = m;
        size = static_cast<std::size_t>(st.st_size);
        mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec;
        return true;
    }
    bool empty() const { return data == nullptr; }
    // The atlas is built: the pages FreeType read leave this process (the page cache keeps
    // them for the next build), so a grown atlas does not leave 20 MB of font behind.
    void release_pages() const {
        if (data) madvise(data, size, MADV_DONTNEED);
    }
    ~MappedFont() {
        if (data) munmap(data, size);
    }
};

std::uint64_t fnv1a(const void* p, std::size_t n, std::uint64_t h = 1469598103934665603ULL) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

// Every field of one atlas moves to the other (ImFontAtlas cannot be copied); the fonts then
// point at their new container. Called between frames, so ImGui holds no font pointers.
void swap_atlas(ImFontAtlas& a, ImFontAtlas& b) {
    std::swap(a.Flags, b.Flags);
    std::swap(a.TexID, b.TexID);
    std::swap(a.TexDesiredWidth, b.TexDesiredWidth);
    std::swap(a.TexGlyphPadding, b.TexGlyphPadding);
    std::swap(a.Locked, b.Locked);
    std::swap(a.TexReady, b.TexReady);
    std::swap(a.TexPixelsUseColors, b.TexPixelsUseColors);
    std::swap(a.TexPixelsAlpha8, b.TexPixelsAlpha8);
    std::swap(a.TexPixelsRGBA32, b.TexPixelsRGBA32);
    std::swap(a.TexWidth, b.TexWidth);
    std::swap(a.TexHeight, b.TexHeight);
    std::swap(a.TexUvScale, b.TexUvScale);
    std::swap(a.TexUvWhitePixel, b.TexUvWhitePixel);
    a.Fonts.swap(b.Fonts);
    a.CustomRects.swap(b.CustomRects);
    a.ConfigData.swap(b.ConfigData);
    std::swap(a.TexUvLines, b.TexUvLines);
    std::swap(a.FontBuilderIO, b.FontBuilderIO);
    std::swap(a.FontBuilderFlags, b.FontBuilderFlags);
    std::swap(a.PackIdMouseCursors, b.PackIdMouseCursors);
    std::swap(a.PackIdLines, b.PackIdLines);
    for (ImFont* f : a.Fonts) f->ContainerAtlas = &a;
    for (ImFont* f : b.Fonts) f->ContainerAtlas = &b;
}

}  // namespace

// One finished atlas (built or loaded), not yet the one ImGui draws with.
struct Fonts::Built {
    std::unique_ptr<ImFontAtlas> atlas;
    ImVector<ImWchar> ranges_main, ranges_fallback;   // the atlas's configs point at these
    bool hant = false, large = false;
    float scale = 1;   // pixels per layout unit the glyphs were rasterised at
    FontStats stats;
    GlyphKeys keys;
    int rows = 0;   // rows of the texture that hold anything
};

struct Fonts::Impl {
    MappedFont primary, bold, fallback;
    bool primary_is_ttc = false;
    std::string cache_dir;

    std::thread worker;
    std::atomic<bool> done{false};
    std::atomic<bool> hold{false};   // hold_background
    bool next_at_normal_priority = false;   // the next build is the idle shrink
    std::unique_ptr<Built> result;   // written by the worker before `done`

    ~Impl() {
        hold = false;
        wait();
    }
    bool pending = false;            // a build was started and its result not taken yet

    bool running() const { return pending; }
    void wait() {
        if (worker.joinable()) worker.join();
    }
    std::unique_ptr<Built> take() {
        wait();
        done = false;
        pending = false;
        return std::move(result);
    }
    void start(std::bitset<65536> wanted, bool hant, bool large, float scale) {
        done = false;
        pending = true;
        const bool low = !next_at_normal_priority;
        next_at_normal_priority = false;
        worker = std::thread([this, wanted, hant, large, scale, low] {
            // Below the UI thread and the renderer's threads: a frame never waits for glyphs.
            // The idle shrink has no citizen's frames to protect: it runs at normal priority,
            // so a busy terminal gives the memory back soon.
            if (low) setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
            result = build(wanted, hant, large, scale);
            malloc_trim(0);   // FreeType's scratch memory in this thread's arena goes back
            while (hold) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            done = true;
        });
    }

    const MappedFont& bold_or_primary() const { return bold.empty() ? primary : bold; }
    std::string cache_key(const std::bitset<65536>& wanted, bool hant, bool large, float scale) const;
    std::unique_ptr<Built> build(const std::bitset<65536>& wanted, bool hant, bool large, float scale) const;
    std::unique_ptr<Built> load_cache(const std::string& file, const std::string& key) const;
    void save_cache(const std::string& file, const std::string& key, const Built& b) const;
    static void index_glyphs(Built& b);
    static int used_rows(const ImFontAtlas& a);
};

int Fonts::Impl::used_rows(const ImFontAtlas& a) {
    // The packer fills the texture from the top; below the last glyph (and its padding) the
    // rows are never sampled. Counted from the pixels, plus a margin for linear filtering.
    if (!a.TexPixelsAlpha8) return a.TexHeight;
    const auto w = static_cast<std::size_t>(a.TexWidth);
    int last = -1;
    for (int y = a.TexHeight - 1; y >= 0 && last < 0; --y) {
        const unsigned char* row = a.TexPixelsAlpha8 + static_cast<std::size_t>(y) * w;
        for (std::size_t x = 0; x < w; ++x)
            if (row[x]) {
                last = y;
                break;
            }
    }
    return std::min(a.TexHeight, last + 1 + 4);
}

void Fonts::Impl::index_glyphs(Built& b) {
    // Every visible glyph's four texel corners, named by font, character, corner and style
    // (the same character in another face or size looks different).
    const ImFontAtlas& a = *b.atlas;
    std::size_t corners = 0;
    for (const ImFont* f : a.Fonts) corners += static_cast<std::size_t>(f->Glyphs.Size) * 4;
    b.keys.reserve(corners);
    const std::uint32_t style = (b.hant ? 1u : 0u) | (b.large ? 2u : 0u);
    const float w = static_cast<float>(a.TexWidth), h = static_cast<float>(a.TexHeight);
    for (int i = 0; i < a.Fonts.Size; ++i)
        for (const ImFontGlyph& g : a.Fonts[i]->Glyphs) {
            if (!g.Visible) continue;
            const std::uint32_t base = style << 21 | static_cast<std::uint32_t>(i + 1) << 18 | static_cast<std::uint32_t>(g.Codepoint) << 2;
            const int x0 = static_cast<int>(std::lround(g.U0 * w)), y0 = static_cast<int>(std::lround(g.V0 * h));
            const int x1 = static_cast<int>(std::lround(g.U1 * w)), y1 = static_cast<int>(std::lround(g.V1 * h));
            b.keys.add(x0, y0, base | 0);
            b.keys.add(x1, y0, base | 1);
            b.keys.add(x1, y1, base | 2);
            b.keys.add(x0, y1, base | 3);
        }
}

std::string Fonts::Impl::cache_key(const std::bitset<65536>& wanted, bool hant, bool large, float scale) const {
    // Everything that shapes the atlas: the characters (content, UI strings and hall names in
    // every language), the face, the size set, the font files, ImGui and this format.
    const Sizes& s = large ? kLarge : kNormal;
    std::uint64_t h = 1469598103934665603ULL;
    for (std::size_t cp = 0; cp < wanted.size(); ++cp)
        if (wanted.test(cp)) h = fnv1a(&cp, sizeof cp, h);
    char buf[256];
    std::snprintf(buf, sizeof buf, "imgui %d|%s|sizes %g %g %g %g %g x %g|glyphs %zu %016llx\n", IMGUI_VERSION_NUM, hant ? "TC" : "SC",
                  s.small, s.body, s.heading, s.title, s.digits, static_cast<double>(scale), wanted.count(),
                  static_cast<unsigned long long>(h));
    std::string key = buf;
    for (const MappedFont* f : {&primary, &bold, &fallback})
        if (!f->empty()) key += f->path + " " + std::to_string(f->size) + " " + std::to_string(f->mtime_ns) + "\n";
    return key;
}

std::unique_ptr<Fonts::Built> Fonts::Impl::build(const std::bitset<65536>& wanted, bool hant, bool large, float scale) const {
    const auto t0 = std::chrono::steady_clock::now();
    const std::string key = cache_key(wanted, hant, large, scale);
    const std::string file = cache_dir.empty() ? std::string()
                                               : cache_dir + "/" + [&] {
                                                     char name[40];
                                                     std::snprintf(name, sizeof name, "%016llx.atlas",
                                                                   static_cast<unsigned long long>(fnv1a(key.data(), key.size())));
                                                     return std::string(name);
                                                 }();
    std::unique_ptr<Built> b = file.empty() ? nullptr : load_cache(file, key);
    if (b) {
        b->stats.cache_loads = 1;
    } else {
        b = std::make_unique<Built>();
        // Split wanted code points: those the primary font has, and those only the fallback has.
        FT_Library ft = nullptr;
        FT_Face primary_face = nullptr, fallback_face = nullptr;
        FT_Init_FreeType(&ft);
        if (ft) {
            FT_New_Memory_Face(ft, static_cast<const FT_Byte*>(primary.data), static_cast<FT_Long>(primary.size),
                               primary_is_ttc ? kNotoSC : 0, &primary_face);
            if (!fallback.empty() && fallback.path != primary.path)
                FT_New_Memory_Face(ft, static_cast<const FT_Byte*>(fallback.data), static_cast<FT_Long>(fallback.size), 0, &fallback_face);
        }
        ImFontGlyphRangesBuilder main_b, fb_b;
        int glyphs = 0, fallback_count = 0, none = 0;
        for (std::size_t cp = 0x20; cp < wanted.size(); ++cp) {
            if (!wanted.test(cp)) continue;
            ++glyphs;
            if (!primary_face || FT_Get_Char_Index(primary_face, static_cast<FT_ULong>(cp)) != 0) main_b.AddChar(static_cast<ImWchar>(cp));
            else if (fallback_face && FT_Get_Char_Index(fallback_face, static_cast<FT_ULong>(cp)) != 0) {
                fb_b.AddChar(static_cast<ImWchar>(cp));
                ++fallback_count;
            } else ++none;
        }
        if (primary_face) FT_Done_Face(primary_face);
        if (fallback_face) FT_Done_Face(fallback_face);
        if (ft) FT_Done_FreeType(ft);
        main_b.BuildRanges(&b->ranges_main);
        fb_b.BuildRanges(&b->ranges_fallback);

        b->atlas = std::make_unique<ImFontAtlas>();
        ImFontAtlas& atlas = *b->atlas;
        atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
        atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
        atlas.TexDesiredWidth = 2048;
        const Sizes& s = large ? kLarge : kNormal;
        const int face = primary_is_ttc ? (hant ? kNotoTC : kNotoSC) : 0;
        static const ImWchar ascii[] = {0x20, 0x7E, 0};
        auto add = [&](const MappedFont& file_, float size, const ImWchar* ranges, bool with_fallback) {
            ImFontConfig cfg;
            cfg.FontNo = face;
            cfg.OversampleH = 1;  // FreeType renders at the real size; oversampling would only grow the atlas
            cfg.OversampleV = 1;
            cfg.PixelSnapH = true;
            // The mapped file, shared by every size. ImGui 1.86 copies font data it does not
            // own (20 MB per size), so the atlas is told it owns it, and forgets it after Build.
            cfg.FontDataOwnedByAtlas = true;
            atlas.AddFontFromMemoryTTF(file_.data, static_cast<int>(file_.size), size * scale, &cfg, ranges);
            if (with_fallback && fallback_count > 0 && !fallback.empty()) {
                ImFontConfig fc;
                fc.MergeMode = true;
                fc.OversampleH = fc.OversampleV = 1;
                fc.FontDataOwnedByAtlas = true;
                atlas.AddFontFromMemoryTTF(fallback.data, static_cast<int>(fallback.size), size * scale, &fc, b->ranges_fallback.Data);
            }
        };
        add(primary, s.body, b->ranges_main.Data, true);
        add(primary, s.small, b->ranges_main.Data, true);
        add(bold_or_primary(), s.heading, b->ranges_main.Data, true);
        add(bold_or_primary(), s.title, b->ranges_main.Data, true);
        add(bold_or_primary(), s.digits, ascii, false);
        atlas.Build();
        // The configs point into the mapped files: the atlas must never free or read them again.
        for (ImFontConfig& c : atlas.ConfigData) {
            c.FontData = nullptr;
            c.FontDataSize = 0;
            c.FontDataOwnedByAtlas = false;
        }
        for (const MappedFont* f : {&primary, &bold, &fallback}) f->release_pages();
        if (scale != 1) {
            // Layout in layout units, texels at panel pixels: shrink the metrics, keep the UVs
            // (the cache then holds the shrunk tables, keyed by the scale).
            const float k = 1 / scale;
            for (ImFont* f : atlas.Fonts) {
                for (ImFontGlyph& g : f->Glyphs) {
                    g.X0 *= k, g.Y0 *= k, g.X1 *= k, g.Y1 *= k;
                    g.AdvanceX *= k;
                }
                f->FontSize *= k;
                f->Ascent *= k;
                f->Descent *= k;
                f->BuildLookupTable();
            }
        }
        b->stats.glyphs = glyphs;
        b->stats.fallback_glyphs = fallback_count;
        b->stats.unrenderable = none;
        if (!file.empty()) save_cache(file, key, *b);
    }
    b->hant = hant;
    b->large = large;
    b->scale = scale;
    index_glyphs(*b);
    b->rows = used_rows(*b->atlas);
    b->stats.atlas_width = b->atlas->TexWidth;
    b->stats.atlas_height = b->atlas->TexHeight;
    b->stats.build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return b;
}

// The cache file: magic, key, atlas geometry and custom rectangles, then per font its metrics
// and glyph table, then the alpha8 pixels. Any mismatch or short read means "rebuild".
namespace {
struct Writer {
    std::string out;
    template <class T> void put(const T& v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void bytes(const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); }
};
struct Reader {
    const std::string& in;
    std::size_t pos = 0;
    bool ok = true;
    template <class T> T get() {
        T v{};
        bytes(&v, sizeof v);
        return v;
    }
    void bytes(void* p, std::size_t n) {
        if (!ok || in.size() - pos < n) {
            ok = false;
            return;
        }
        std::memcpy(p, in.data() + pos, n);
        pos += n;
    }
};
}  // namespace

void Fonts::Impl::save_cache(const std::string& file, const std::string& key, const Built& b) const {
    const ImFontAtlas& a = *b.atlas;
    if (!a.TexPixelsAlpha8 || a.Fonts.Size != kFontCount) return;
    Writer w;
    w.bytes(kCacheMagic, sizeof kCacheMagic);
    w.put(static_cast<std::uint32_t>(key.size()));
    w.bytes(key.data(), key.size());
    w.put(b.stats.glyphs);
    w.put(b.stats.fallback_glyphs);
    w.put(b.stats.unrenderable);
    w.put(a.TexWidth);
    w.put(a.TexHeight);
    w.put(a.TexUvScale);
    w.put(a.TexUvWhitePixel);
    w.bytes(a.TexUvLines, sizeof a.TexUvLines);
    w.put(a.PackIdMouseCursors);
    w.put(a.PackIdLines);
    w.put(a.CustomRects.Size);
    w.bytes(a.CustomRects.Data, sizeof(ImFontAtlasCustomRect) * static_cast<std::size_t>(a.CustomRects.Size));
    for (const ImFont* f : a.Fonts) {
        w.put(f->FontSize);
        w.put(f->Ascent);
        w.put(f->Descent);
        w.put(f->MetricsTotalSurface);
        w.put(f->FallbackChar);
        w.put(f->EllipsisChar);
        w.put(f->DotChar);
        w.put(f->Glyphs.Size);
        w.bytes(f->Glyphs.Data, sizeof(ImFontGlyph) * static_cast<std::size_t>(f->Glyphs.Size));
    }
    w.bytes(a.TexPixelsAlpha8, static_cast<std::size_t>(a.TexWidth) * static_cast<std::size_t>(a.TexHeight));
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(cache_dir, ec);
    // Written aside and renamed, so a power cut never leaves half a cache under the real name.
    const std::string tmp = file + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
        o.write(w.out.data(), static_cast<std::streamsize>(w.out.size()));
        if (!o) {
            fs::remove(tmp, ec);
            return;
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return;
    }
    // Keep the newest few (every style the hall uses), drop the rest.
    std::vector<std::pair<fs::file_time_type, fs::path>> files;
    for (const auto& e : fs::directory_iterator(cache_dir, ec))
        if (e.path().extension() == ".atlas") files.emplace_back(e.last_write_time(ec), e.path());
    std::sort(files.begin(), files.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    for (std::size_t i = kCachesKept; i < files.size(); ++i) fs::remove(files[i].second, ec);
}

std::unique_ptr<Fonts::Built> Fonts::Impl::load_cache(const std::string& file, const std::string& key) const {
    std::ifstream in(file, std::ios::binary);
    if (!in) return nullptr;
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Reader r{data};
    char magic[sizeof kCacheMagic];
    r.bytes(magic, sizeof magic);
    const auto key_len = r.get<std::uint32_t>();
    if (!r.ok || std::memcmp(magic, kCacheMagic, sizeof magic) != 0 || key_len != key.size() || data.size() - r.pos < key_len ||
        data.compare(r.pos, key_len, key) != 0)
        return nullptr;
    r.pos += key_len;
    auto b = std::make_unique<Built>();
    b->stats.glyphs = r.get<int>();
    b->stats.fallback_glyphs = r.get<int>();
    b->stats.unrenderable = r.get<int>();
    b->atlas = std::make_unique<ImFontAtlas>();
    ImFontAtlas& a = *b->atlas;
    a.TexWidth = r.get<int>();
    a.TexHeight = r.get<int>();
    a.TexUvScale = r.get<ImVec2>();
    a.TexUvWhitePixel = r.get<ImVec2>();
    r.bytes(a.TexUvLines, sizeof a.TexUvLines);
    a.PackIdMouseCursors = r.get<int>();
    a.PackIdLines = r.get<int>();
    const int rects = r.get<int>();
    if (!r.ok || rects < 0 || rects > 64 || a.TexWidth <= 0 || a.TexWidth > 16384 || a.TexHeight <= 0 || a.TexHeight > 16384) return nullptr;
    a.CustomRects.resize(rects);
    r.bytes(a.CustomRects.Data, sizeof(ImFontAtlasCustomRect) * static_cast<std::size_t>(rects));
    for (auto& rect : a.CustomRects) rect.Font = nullptr;   // only plain rectangles (white pixel, lines)
    for (int i = 0; i < kFontCount && r.ok; ++i) {
        ImFont* f = IM_NEW(ImFont)();
        a.Fonts.push_back(f);
        f->ContainerAtlas = &a;
        f->FontSize = r.get<float>();
        f->Ascent = r.get<float>();
        f->Descent = r.get<float>();
        f->MetricsTotalSurface = r.get<int>();
        f->FallbackChar = r.get<ImWchar>();
        f->EllipsisChar = r.get<ImWchar>();
        f->DotChar = r.get<ImWchar>();
        const int n = r.get<int>();
        if (!r.ok || n <= 0 || n > 65536) return nullptr;
        f->Glyphs.resize(n);
        r.bytes(f->Glyphs.Data, sizeof(ImFontGlyph) * static_cast<std::size_t>(n));
        if (!r.ok) return nullptr;
        f->BuildLookupTable();
    }
    const std::size_t pixels = static_cast<std::size_t>(a.TexWidth) * static_cast<std::size_t>(a.TexHeight);
    if (!r.ok || data.size() - r.pos != pixels) return nullptr;
    a.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(pixels));
    r.bytes(a.TexPixelsAlpha8, pixels);
    a.TexReady = true;
    return b;
}

Fonts::Fonts() : impl_(std::make_unique<Impl>()) {
    // Always present: printable ASCII, the replacement mark, and CJK punctuation we draw ourselves.
    request(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");
    request("·—…、。，：；？！（）「」《》【】〈〉·￥×÷←→↑↓✓");
}

Fonts::~Fonts() = default;

bool Fonts::init(const std::string& override_path, std::vector<std::string>& errors, const std::string& cache_dir) {
    namespace fs = std::filesystem;
    auto& im = *impl_;
    im.cache_dir = cache_dir;
    std::string primary_path, bold_path, fallback_path;
    if (!override_path.empty()) {
        if (!fs::exists(override_path)) errors.push_back("kiosk.font_path: " + override_path + " does not exist");
        else primary_path = override_path;
    }
    if (primary_path.empty() && fs::exists(kNotoRegular)) {
        primary_path = kNotoRegular;
        im.primary_is_ttc = true;
        if (fs::exists(kNotoBold)) bold_path = kNotoBold;
    }
    if (fs::exists(kWqy)) fallback_path = kWqy;
    if (primary_path.empty()) primary_path = fallback_path;
    if (primary_path.empty()) {
        errors.push_back("no CJK font found: install fonts-noto-cjk (or fonts-wqy-microhei)");
        return false;
    }
    if (!im.primary.map(primary_path)) {
        errors.push_back(primary_path + ": cannot be read");
        return false;
    }
    // FreeType must be able to open it: a broken override fails here, not in the first frame.
    FT_Library ft = nullptr;
    FT_Face face = nullptr;
    const bool opens = FT_Init_FreeType(&ft) == 0 &&
                       FT_New_Memory_Face(ft, static_cast<const FT_Byte*>(im.primary.data), static_cast<FT_Long>(im.primary.size),
                                          im.primary_is_ttc ? kNotoSC : 0, &face) == 0;
    if (face) FT_Done_Face(face);
    if (ft) FT_Done_FreeType(ft);
    im.primary.release_pages();
    if (!opens) {
        errors.push_back(primary_path + ": FreeType cannot open it");
        return false;
    }
    if (!bold_path.empty()) im.bold.map(bold_path);
    if (!fallback_path.empty() && fallback_path != primary_path) im.fallback.map(fallback_path);
    return true;
}

bool Fonts::request(std::string_view text) {
    bool added = false;
    for (char32_t cp : decode_utf8(text)) {
        if (cp >= 0x10000 || cp < 0x20) continue;  // ImWchar is 16-bit in Debian's build
        if (!wanted_.test(cp)) {
            wanted_.set(cp);
            added = true;
        }
    }
    if (added) glyphs_dirty_ = true;
    return added;
}

void Fonts::set_baseline() { baseline_ = wanted_; }

bool Fonts::drop_to_baseline() {
    if (!above_baseline()) return false;
    wanted_ = baseline_;
    glyphs_dirty_ = true;
    impl_->next_at_normal_priority = true;
    return true;
}

void Fonts::set_style(Lang lang, bool large) {
    // English uses the SC face too (same Latin glyphs): only Traditional needs another face.
    lang_ = lang;
    large_ = large;
}

void Fonts::set_raster_scale(float px_per_unit) { scale_ = px_per_unit > 0 ? px_per_unit : 1; }

float Fonts::body_size() const { return large_ ? kLarge.body : kNormal.body; }

bool Fonts::dirty() const {
    if (staged_) return true;   // the renderer uploads it, a slice per frame
    const bool style_changed = !built_any_ || built_hant_ != (lang_ == Lang::Hant) || built_large_ != large_ || built_scale_ != scale_;
    if (impl_->running()) return impl_->done || style_changed;
    return style_changed || glyphs_dirty_;
}

bool Fonts::busy() const { return (impl_->running() && !impl_->done) || staged_; }

ImFontAtlas* Fonts::staged() const { return staged_ ? staged_->atlas.get() : nullptr; }

int Fonts::staged_rows() const { return staged_ ? staged_->rows : 0; }

bool Fonts::adopt_staged() {
    if (!staged_) return false;
    std::unique_ptr<Built> b = std::move(staged_);
    adopt(*b);
    return true;
}

void Fonts::finish_background() {
    impl_->hold = false;   // a held build would never finish
    impl_->wait();
}

void Fonts::hold_background(bool hold) { impl_->hold = hold; }

namespace {
int io_atlas_width() { return ImGui::GetIO().Fonts->TexWidth; }
int io_atlas_height() { return ImGui::GetIO().Fonts->TexHeight; }
}  // namespace

void Fonts::adopt(Built& b) {
    ImGuiIO& io = ImGui::GetIO();
    swap_atlas(*io.Fonts, *b.atlas);
    b.atlas.reset();   // the old fonts: nothing refers to them between frames
    body_ = io.Fonts->Fonts[0];
    small_ = io.Fonts->Fonts[1];
    heading_ = io.Fonts->Fonts[2];
    title_ = io.Fonts->Fonts[3];
    digits_ = io.Fonts->Fonts[4];
    io.FontDefault = body_;
    const bool shrank = built_any_ && b.stats.glyphs < stats_.glyphs;
    const bool restyled = !built_any_ || b.hant != built_hant_ || b.large != built_large_ || b.scale != built_scale_;
    const int builds = stats_.builds + 1, loads = stats_.cache_loads + b.stats.cache_loads;
    stats_ = b.stats;
    stats_.builds = builds;
    stats_.cache_loads = loads;
    built_any_ = true;
    built_hant_ = b.hant;
    built_large_ = b.large;
    built_scale_ = b.scale;
    if (restyled) ++appearance_;
    keys_ = std::move(b.keys);
    rows_ = b.rows;
    if (shrank) malloc_trim(0);   // the bigger atlas's pages go back to the system
}

bool Fonts::rebuild_if_needed() {
    auto& im = *impl_;
    const bool hant = lang_ == Lang::Hant;
    auto style_changed = [&] { return !built_any_ || built_hant_ != hant || built_large_ != large_ || built_scale_ != scale_; };
    bool changed = false, discarded = false;
    if (staged_) {
        // Waiting for its texture: nothing else starts meanwhile (new characters wait for
        // the next build); a new style makes it worthless.
        if (staged_->hant == hant && staged_->large == large_ && staged_->scale == scale_) return false;
        staged_.reset();
        glyphs_dirty_ = true;
    }
    if (im.running() && (im.done || style_changed())) {
        std::unique_ptr<Built> b = im.take();
        const bool same_size = b && b->atlas->TexWidth == io_atlas_width() && b->atlas->TexHeight == io_atlas_height();
        if (b && b->hant == hant && b->large == large_ && b->scale == scale_ && staged_resize_ && built_any_ && !same_size) {
            staged_ = std::move(b);   // uploaded in slices while the current atlas draws
            return false;
        }
        if (b && b->hant == hant && b->large == large_ && b->scale == scale_) {
            adopt(*b);
            changed = true;
        } else {
            glyphs_dirty_ = true;   // built for a style no longer wanted: build again below
            discarded = true;
        }
    }
    if (im.running()) return changed;   // still rasterising: keep drawing with the current atlas
    if (!style_changed() && !glyphs_dirty_) return changed;
    glyphs_dirty_ = false;
    if (background_ && (!style_changed() || (!built_any_ && !discarded))) {
        // New characters only: the current atlas stays until the bigger one is ready. The
        // first atlas: built (or loaded) while the window and GL context are made; the first
        // frame waits for it above. A first atlas built for another scale (the window came
        // out another size) is built again here, at once: a frame needs fonts.
        im.start(wanted_, hant, large_, scale_);
        return changed;
    }
    std::unique_ptr<Built> b = im.build(wanted_, hant, large_, scale_);
    adopt(*b);
    return true;
}

}  // namespace hall::ui
