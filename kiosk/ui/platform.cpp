#include "ui/platform.h"

#include <SDL.h>
#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "ui/app.h"
#include "ui/damage.h"

namespace hall::ui {
namespace {

void create_context() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout on disk
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;  // we decide whether a cursor shows
    io.ConfigInputTextCursorBlink = false;                   // blinking would force redraws
}

class HeadlessPlatform final : public Platform {
public:
    explicit HeadlessPlatform(const PlatformOptions& o) : dpi_(o.dpi) {
        width_ = o.width;
        height_ = o.height;
        create_context();
    }
    ~HeadlessPlatform() override {
        ImGui::DestroyContext();
        SDL_QuitSubSystem(SDL_INIT_EVENTS);
    }
    bool open(App& app, std::vector<std::string>& errors) override {
        // Events only: the driver pushes the same SDL finger events a touch panel would.
        if (SDL_InitSubSystem(SDL_INIT_EVENTS) != 0) {
            errors.push_back(std::string("SDL events: ") + SDL_GetError());
            return false;
        }
        app.set_window(width_, height_, dpi_);
        return true;
    }
    bool pump(App& app, int) override {
        SDL_Event e;
        while (SDL_PollEvent(&e))
            if (e.type != SDL_QUIT) app.handle_event(e);
        return true;
    }
    void begin_frame(App& app) override {
        app.set_window(width_, height_, dpi_);
        app.fonts().rebuild_if_needed();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(app.layout().width(), app.layout().height());
        io.DisplayFramebufferScale = ImVec2(app.layout().scale, app.layout().scale);
        io.DeltaTime = 1.0f / 60.0f;
        app.input().apply(io);
        ImGui::NewFrame();
    }
    void end_frame(App&) override { ImGui::Render(); }
    void capture_next_frame() override {}
    bool write_capture(const std::string&, std::string& error) override {
        error = "screenshots need a display: run without --headless (under Xvfb on a server)";
        return false;
    }
    bool has_display() const override { return false; }

private:
    float dpi_;
};

class GlPlatform final : public Platform {
public:
    explicit GlPlatform(const PlatformOptions& o) : opt_(o) {
        width_ = o.width;
        height_ = o.height;
        create_context();
    }
    ~GlPlatform() override {
        if (font_tex_) glDeleteTextures(1, &font_tex_);
        if (staged_tex_) glDeleteTextures(1, &staged_tex_);
        if (gl_) {
            ImGui_ImplOpenGL3_Shutdown();
            ImGui_ImplSDL2_Shutdown();
        }
        ImGui::DestroyContext();
        if (gl_) SDL_GL_DeleteContext(gl_);
        if (window_) SDL_DestroyWindow(window_);
        SDL_Quit();
    }
    bool open(App& app, std::vector<std::string>& errors) override {
        TouchInput::configure_sdl_hints();
        if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
            errors.push_back(std::string("SDL video: ") + SDL_GetError() + " (no display? set DISPLAY, or use Xvfb)");
            return false;
        }
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
        SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
        Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
        if (!opt_.windowed) {
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
            // Made at the output's own size: SDL 2.26 on Wayland reports cage's configure
            // (1280x720 headless) but keeps the GL surface at the size asked for, so a
            // 1920x1080 request showed the top-left two thirds of a 1.5x picture.
            SDL_DisplayMode desktop{};
            if (SDL_GetDesktopDisplayMode(0, &desktop) == 0 && desktop.w > 0 && desktop.h > 0) {
                width_ = desktop.w;
                height_ = desktop.h;
            }
        }
        window_ = SDL_CreateWindow("Hall Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width_, height_, flags);
        if (!window_) {
            errors.push_back(std::string("window: ") + SDL_GetError());
            return false;
        }
        gl_ = SDL_GL_CreateContext(window_);
        if (!gl_) {
            errors.push_back(std::string("OpenGL context: ") + SDL_GetError());
            return false;
        }
        SDL_GL_MakeCurrent(window_, gl_);
        SDL_GL_SetSwapInterval(opt_.vsync ? 1 : 0);
        SDL_GetWindowSize(window_, &width_, &height_);
        SDL_ShowCursor(opt_.windowed ? SDL_ENABLE : SDL_DISABLE);  // no cursor on a touch kiosk
        ImGui_ImplSDL2_InitForOpenGL(window_, gl_);
        ImGui_ImplOpenGL3_Init("#version 130");
        // The backend's device objects without its font texture (an RGBA copy of the atlas,
        // 4x its size): it sees a 1-pixel stand-in atlas, and upload_font_texture() gives
        // the real one as one-channel texture.
        ImGuiIO& io = ImGui::GetIO();
        ImFontAtlas* real = io.Fonts;
        ImFontAtlas stand_in;
        stand_in.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(1));
        stand_in.TexPixelsAlpha8[0] = 0;
        stand_in.TexWidth = stand_in.TexHeight = 1;
        io.Fonts = &stand_in;
        ImGui_ImplOpenGL3_CreateDeviceObjects();
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        io.Fonts = real;
        int major = 0, minor = 0;
        if (const char* v = reinterpret_cast<const char*>(glGetString(GL_VERSION))) std::sscanf(v, "%d.%d", &major, &minor);
        swizzle_ = major > 3 || (major == 3 && minor >= 3);
        // A software renderer copies the back buffer to the window on a swap and keeps it, so
        // a frame may redraw only what changed (checked once more after the first swap).
        const char* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        const std::string r = renderer ? renderer : "";
        software_ = r.find("llvmpipe") != std::string::npos || r.find("softpipe") != std::string::npos;
        if (software_) find_copy_sub_buffer();
        // Under a Wayland compositor (cage) every drawn frame is presented whole: frames committed
        // before cage maps the window are never shown, and a skipped frame would leave the
        // window black for good (the boot test saw exactly that once a grown atlas stopped
        // forcing a full redraw).
        const char* video = SDL_GetCurrentVideoDriver();
        wayland_ = video && std::string(video) == "wayland";
        app.set_window(width_, height_, display_dpi());
        app.fonts().set_staged_resize(true);
        return true;
    }
    bool pump(App& app, int timeout_ms) override {
        SDL_Event e;
        bool got = timeout_ms > 0 ? SDL_WaitEventTimeout(&e, timeout_ms) : SDL_PollEvent(&e);
        while (got) {
            if (e.type == SDL_QUIT) return false;
            if (e.type == SDL_KEYDOWN && opt_.windowed && e.key.keysym.sym == SDLK_ESCAPE) return false;
            if (e.type == SDL_WINDOWEVENT) damage_.forget();   // exposed or resized: draw it all
            if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                SDL_GetWindowSize(window_, &width_, &height_);
                app.set_window(width_, height_, display_dpi());
            }
            // The backend only sees keyboard and window events; pointers go through our input layer.
            if (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP || e.type == SDL_WINDOWEVENT) ImGui_ImplSDL2_ProcessEvent(&e);
            app.handle_event(e);
            got = SDL_PollEvent(&e);
        }
        return true;
    }
    void begin_frame(App& app) override {
        steps_ = {};
        step_t_ = Clock::now();
        // The size the compositor gave the window, every frame: cage resizes it to its output
        // (1280x720 headless) without SDL always saying so in an event.
        const int old_w = width_, old_h = height_;
        SDL_GetWindowSize(window_, &width_, &height_);
        if (width_ != old_w || height_ != old_h) damage_.forget();
        app.set_window(width_, height_, display_dpi());
        const bool atlas_changed = app.fonts().rebuild_if_needed();
        lap(kAtlas);
        if (atlas_changed || !font_tex_) upload_font_texture(app.fonts());
        else if (app.fonts().staged()) upload_staged_slice(app.fonts());
        lap(kUpload);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        // Screens lay out in layout units; the renderer scales them to the panel's pixels.
        // Set from scratch each frame: the backend leaves the old value when the window
        // reports no size (Wayland before its first configure), which must not compound.
        ImGuiIO& io = ImGui::GetIO();
        const Layout& l = app.layout();
        int dw = 0, dh = 0;
        SDL_GL_GetDrawableSize(window_, &dw, &dh);
        if (dw != drawable_w_ || dh != drawable_h_) damage_.forget();   // the surface changed under us
        drawable_w_ = dw;
        drawable_h_ = dh;
        const float hidpi_x = width_ > 0 && dw > 0 ? static_cast<float>(dw) / static_cast<float>(width_) : 1.f;
        const float hidpi_y = height_ > 0 && dh > 0 ? static_cast<float>(dh) / static_cast<float>(height_) : 1.f;
        io.DisplayFramebufferScale = ImVec2(hidpi_x * l.scale, hidpi_y * l.scale);
        io.DisplaySize = ImVec2(l.width(), l.height());
        app.input().apply(io);  // after the backend: it polls the OS mouse
        ImGui::NewFrame();
        lap(kNewFrame);
    }
    void end_frame(App&) override {
        lap(kScreens);
        ImGui::Render();
        const ImGuiIO& io = ImGui::GetIO();
        ImDrawData* draw = ImGui::GetDrawData();
        const int w = static_cast<int>(io.DisplaySize.x), h = static_cast<int>(io.DisplaySize.y);
        const int fb_w = static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x + 0.5f);
        const int fb_h = static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y + 0.5f);
        if (probe_pending_) {
            // After the first swap: does the back buffer still hold what was drawn?
            unsigned char px[4] = {};
            glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
            preserved_ = std::memcmp(px, probe_, sizeof px) == 0;
            probe_pending_ = false;
        }
        // Not while the compositor may still be resizing the window (cage configures it after
        // the first frames): a skipped frame would leave the old size's picture on screen.
        const bool can_skip = software_ && preserved_ && !wayland_ && !want_pixels_ && std::chrono::steady_clock::now() >= skip_after_;
        DamageRect damage = damage_.update(*draw, w, h);
        lap(kDamage);
        if (can_skip && damage.empty()) return;   // nothing changed: the window already shows this frame
        // Partial redraw only where a layout unit is a pixel (1080p panels): the scissor is in
        // pixels and a scaled frame would need its damage scaled and rounded outwards.
        const bool partial = can_skip && fb_w == w && fb_h == h;
        if (!partial) damage = {0, 0, w, h};
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(244 / 255.f, 246 / 255.f, 250 / 255.f, 1.f);
        if (partial) {
            Damage::clip(*draw, damage);
            glEnable(GL_SCISSOR_TEST);
            glScissor(damage.x0, h - damage.y1, damage.x1 - damage.x0, damage.y1 - damage.y0);
            glClear(GL_COLOR_BUFFER_BIT);
            glDisable(GL_SCISSOR_TEST);
        } else {
            glClear(GL_COLOR_BUFFER_BIT);
        }
        ImGui_ImplOpenGL3_RenderDrawData(draw);
        lap(kDraw);
        ++presented_;
        // Keep the frame for a screenshot before it is swapped away.
        last_w_ = fb_w;
        last_h_ = fb_h;
        if (want_pixels_) {
            pixels_.resize(static_cast<std::size_t>(last_w_) * last_h_ * 4);
            glPixelStorei(GL_PACK_ALIGNMENT, 1);
            glReadPixels(0, 0, last_w_, last_h_, GL_RGBA, GL_UNSIGNED_BYTE, pixels_.data());
            want_pixels_ = false;
            have_pixels_ = true;
        }
        if (software_ && presented_ == 1) {
            glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, probe_);
            probe_pending_ = true;
        }
        if (partial && copy_sub_buffer_) {
            // Only the damaged rectangle goes to the window (GL's origin is bottom-left); the
            // back buffer is never swapped, so it keeps the whole picture for the next frame.
            copy_sub_buffer_(glx_display_, glx_drawable_(), damage.x0, h - damage.y1, damage.x1 - damage.x0, damage.y1 - damage.y0);
        } else {
            SDL_GL_SwapWindow(window_);
        }
        lap(kSwap);
    }
    std::string last_frame_steps() const override {
        static constexpr const char* kNames[kSteps] = {"atlas", "upload", "new_frame", "screens", "damage", "draw", "swap"};
        std::string out;
        char buf[48];
        for (int i = 0; i < kSteps; ++i) {
            std::snprintf(buf, sizeof buf, "%s%s %.1f", i ? " " : "", kNames[i], steps_[static_cast<std::size_t>(i)]);
            out += buf;
        }
        return out;
    }
    bool write_capture(const std::string& path, std::string& error) override {
        if (!have_pixels_) {
            error = "no frame captured (call capture_next_frame and draw a frame first)";
            return false;
        }
        have_pixels_ = false;
        // OpenGL rows run bottom-up; PNG rows top-down.
        const int stride = last_w_ * 4;
        std::vector<unsigned char> flipped(pixels_.size());
        for (int y = 0; y < last_h_; ++y)
            std::copy_n(&pixels_[static_cast<std::size_t>((last_h_ - 1 - y) * stride)], stride, &flipped[static_cast<std::size_t>(y * stride)]);
        for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
        if (!stbi_write_png(path.c_str(), last_w_, last_h_, 4, flipped.data(), stride)) {
            error = "cannot write " + path;
            return false;
        }
        return true;
    }
    void capture_next_frame() override { want_pixels_ = true; }
    bool has_display() const override { return true; }

private:
    // The atlas as a one-channel texture read as (1, 1, 1, a), which is what the backend's
    // RGBA texture holds, at a quarter of the memory and upload time; then the CPU copy goes.
    // Under a software renderer a texture is plain memory, and every new page of it costs a
    // page fault (about 10 ms per MB on a loaded 2-core terminal, far more than the copy), so:
    // an atlas of the same size goes into the texture it already has, only the rows that hold
    // glyphs are written (the rest is never sampled and never touched), and an atlas of
    // another size is uploaded a slice per frame into a new texture while the current one
    // keeps drawing (upload_staged_slice).
    GLuint new_font_texture(int w, int h) {
        GLuint tex = 0;
        glGenTextures(1, &tex);
        glBindTexture(GL_TEXTURE_2D, tex);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        // Storage only: the rows are written by write_rows, the rest stays untouched.
        glTexImage2D(GL_TEXTURE_2D, 0, swizzle_ ? GL_R8 : GL_RGBA, w, h, 0, swizzle_ ? GL_RED : GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        if (swizzle_) {
            const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
            glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
        }
        return tex;
    }
    // Rows [y0, y1) of an atlas's pixels into the bound texture.
    void write_rows(ImFontAtlas& atlas, int y0, int y1) {
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        if (swizzle_) atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
        else atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
        y1 = std::min(y1, h);
        if (y1 <= y0) return;
        const std::size_t bpp = swizzle_ ? 1 : 4;
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
        glPixelStorei(GL_UNPACK_ALIGNMENT, swizzle_ ? 1 : 4);
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, y0, w, y1 - y0, swizzle_ ? GL_RED : GL_RGBA, GL_UNSIGNED_BYTE,
                        pixels + static_cast<std::size_t>(y0) * static_cast<std::size_t>(w) * bpp);
    }
    void upload_font_texture(const Fonts& fonts) {
        ImFontAtlas* atlas = ImGui::GetIO().Fonts;
        GLint last_texture = 0;
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
        const int w = atlas->TexWidth, h = atlas->TexHeight;
        drop_staged_texture();   // a staged atlas, if any, was dropped for this one
        if (font_tex_ && w == font_tex_w_ && h == font_tex_h_) {
            glBindTexture(GL_TEXTURE_2D, font_tex_);   // the same size: into the same memory
        } else {
            if (font_tex_) glDeleteTextures(1, &font_tex_);
            font_tex_ = new_font_texture(w, h);
            font_tex_w_ = w;
            font_tex_h_ = h;
        }
        write_rows(*atlas, 0, fonts.texture_rows() > 0 ? fonts.texture_rows() : h);
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
        font_texture_ready(fonts);
    }
    // One slice of a staged atlas (another size than the current one) per frame; when all its
    // rows are in, it is swapped in and the old texture goes.
    void upload_staged_slice(Fonts& fonts) {
        ImFontAtlas* staged = fonts.staged();
        GLint last_texture = 0;
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
        if (staged_tex_ && staged_for_ != staged) drop_staged_texture();   // another atlas was staged since
        if (!staged_tex_) {
            staged_tex_ = new_font_texture(staged->TexWidth, staged->TexHeight);
            staged_for_ = staged;
            staged_row_ = 0;
        }
        glBindTexture(GL_TEXTURE_2D, staged_tex_);
        // 512 KB of one-channel texels a frame: a few ms even when every page is new.
        const int rows = fonts.staged_rows(), slice = std::max(1, (512 << 10) / std::max(1, staged->TexWidth));
        write_rows(*staged, staged_row_, std::min(rows, staged_row_ + slice));
        staged_row_ += slice;
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
        if (staged_row_ < rows) return;
        const int w = staged->TexWidth, h = staged->TexHeight;
        fonts.adopt_staged();
        if (font_tex_) glDeleteTextures(1, &font_tex_);
        font_tex_ = staged_tex_;
        font_tex_w_ = w;
        font_tex_h_ = h;
        staged_tex_ = 0;
        staged_for_ = nullptr;
        font_texture_ready(fonts);
    }
    void drop_staged_texture() {
        if (staged_tex_) glDeleteTextures(1, &staged_tex_);
        staged_tex_ = 0;
        staged_for_ = nullptr;
    }
    void font_texture_ready(const Fonts& fonts) {
        ImFontAtlas* atlas = ImGui::GetIO().Fonts;
        atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(font_tex_)));
        atlas->ClearTexData();   // on the GPU now: the CPU copy (4-20 MB) can go
        // A grown atlas holds the glyphs on screen elsewhere but draws them the same: damage
        // follows the glyphs, and only a new face or size redraws everything.
        damage_.set_font_texture(static_cast<std::uintptr_t>(font_tex_), font_tex_w_, font_tex_h_,
                                 fonts.glyph_keys().empty() ? nullptr : &fonts.glyph_keys());
        if (fonts.appearance() != font_appearance_ || fonts.glyph_keys().empty()) damage_.forget();
        font_appearance_ = fonts.appearance();
    }

    // GLX_MESA_copy_sub_buffer (Mesa's software renderer under X11): a swap sends the whole
    // 8 MB back buffer to the X server on every frame, this sends the changed rectangle only.
    // Looked up through SDL, so neither X11 nor GLX is linked; absent under Wayland or EGL.
    void find_copy_sub_buffer() {
        const char* driver = SDL_GetCurrentVideoDriver();
        if (!driver || std::string(driver) != "x11") return;
        using GetDisplay = void* (*)();
        using QueryExtensions = const char* (*)(void*, int);
        auto get_display = reinterpret_cast<GetDisplay>(SDL_GL_GetProcAddress("glXGetCurrentDisplay"));
        auto query = reinterpret_cast<QueryExtensions>(SDL_GL_GetProcAddress("glXQueryExtensionsString"));
        glx_drawable_ = reinterpret_cast<GetDrawable>(SDL_GL_GetProcAddress("glXGetCurrentDrawable"));
        auto copy = reinterpret_cast<CopySubBuffer>(SDL_GL_GetProcAddress("glXCopySubBufferMESA"));
        if (!get_display || !query || !glx_drawable_ || !copy) return;
        glx_display_ = get_display();   // null: the context is not GLX's
        if (!glx_display_ || !glx_drawable_()) return;
        const char* ext = query(glx_display_, 0);   // a kiosk has one X screen
        if (ext && std::strstr(ext, "GLX_MESA_copy_sub_buffer")) copy_sub_buffer_ = copy;
    }

    // The panel's DPI as its EDID reports it; 0 when SDL does not know (cage's headless
    // output, most virtual displays).
    float display_dpi() const {
        if (opt_.dpi > 0) return opt_.dpi;
        float ddpi = 0;
        if (!window_ || SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(window_), &ddpi, nullptr, nullptr) != 0) return 0;
        return ddpi;
    }
    // The steps of a frame, timed for last_frame_steps().
    using Clock = std::chrono::steady_clock;
    enum Step { kAtlas, kUpload, kNewFrame, kScreens, kDamage, kDraw, kSwap, kSteps };
    void lap(Step s) {
        const Clock::time_point now = Clock::now();
        steps_[s] = std::chrono::duration<double, std::milli>(now - step_t_).count();
        step_t_ = now;
    }
    std::array<double, kSteps> steps_{};
    Clock::time_point step_t_;

    PlatformOptions opt_;
    SDL_Window* window_ = nullptr;
    SDL_GLContext gl_ = nullptr;
    GLuint font_tex_ = 0;
    int font_tex_w_ = 0, font_tex_h_ = 0;
    GLuint staged_tex_ = 0;   // a staged atlas's texture while its slices go in
    int staged_row_ = 0;
    const ImFontAtlas* staged_for_ = nullptr;   // the staged atlas staged_tex_ holds (compared, never read)
    int font_appearance_ = -1;
    bool swizzle_ = false;
    Damage damage_;
    int drawable_w_ = 0, drawable_h_ = 0;
    std::chrono::steady_clock::time_point skip_after_ = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    bool software_ = false;         // llvmpipe/softpipe: swaps copy, the back buffer stays
    using GetDrawable = unsigned long (*)();                                 // glXGetCurrentDrawable
    using CopySubBuffer = void (*)(void*, unsigned long, int, int, int, int);   // glXCopySubBufferMESA
    void* glx_display_ = nullptr;
    GetDrawable glx_drawable_ = nullptr;
    CopySubBuffer copy_sub_buffer_ = nullptr;
    bool preserved_ = false;        // seen to stay after the first swap
    bool wayland_ = false;          // SDL's video driver is Wayland (cage): no skipped frames
    bool probe_pending_ = false;
    unsigned char probe_[4] = {};
    std::uint64_t presented_ = 0;
    bool want_pixels_ = false;
    bool have_pixels_ = false;
    int last_w_ = 0, last_h_ = 0;
    std::vector<unsigned char> pixels_;
};

}  // namespace

Platform::~Platform() = default;

std::unique_ptr<Platform> Platform::create(const PlatformOptions& opt) {
    if (opt.headless) return std::make_unique<HeadlessPlatform>(opt);
    return std::make_unique<GlPlatform>(opt);
}

int run_loop(App& app, Platform& platform) {
    // A compositor may map the window only after it has seen a frame or two (cage with a
    // window that already has the output's size sends no resize): frames drawn before that
    // are never shown and the screen stays black. Keep drawing for the first seconds.
    // Under Wayland (cage) for 15 s: cage's headless output (the boot test's) hands grim a
    // black picture unless the client commits frames at display rate around the capture
    // (10 frames a second was not enough), and a loaded terminal may take seconds to bring
    // cage and Xwayland up. A terminal's real output keeps the last frame; this costs only
    // CPU for those first seconds.
    const auto start = std::chrono::steady_clock::now();
    const char* video = SDL_GetCurrentVideoDriver();
    const bool wayland = video && std::string(video) == "wayland";
    const auto settled = start + std::chrono::seconds(wayland ? 15 : 3);
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        const bool settling = now < settled;
        // Sleep until input arrives or the next scheduled change (clock, countdown, feeds).
        const int timeout = app.needs_frame() ? 0 : settling ? 16 : static_cast<int>(std::min<std::int64_t>(app.ms_until_next_change(), 1000));
        if (!platform.pump(app, timeout)) return 0;
        if (!app.needs_frame() && !settling) continue;
        platform.begin_frame(app);
        app.frame();
        platform.end_frame(app);
    }
}

}  // namespace hall::ui
