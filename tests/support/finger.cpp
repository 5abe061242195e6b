// Finger events as SDL delivers a touch panel's; no Catch here, so benchmarks link it too.
#include "support/kiosk_fixture.h"

namespace hall::test {

SDL_Event finger_event(Uint32 type, float x, float y, const ui::Platform& platform, SDL_FingerID finger) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = finger;
    e.tfinger.x = x / static_cast<float>(platform.width());
    e.tfinger.y = y / static_cast<float>(platform.height());
    e.tfinger.pressure = type == SDL_FINGERUP ? 0.f : 1.f;
    return e;
}

}  // namespace hall::test
