# Warnings for the project's own code. -Wall -Wextra -Wshadow everywhere; HALL_WERROR=ON
# (tests/run-all.sh sets it for both CI builds) makes them errors.
option(HALL_WERROR "Treat warnings as errors (CI turns it on for both of its builds)" OFF)
add_compile_options(-Wall -Wextra -Wno-unused-parameter -Wshadow)
if(HALL_WERROR)
  add_compile_options(-Werror)
endif()

# -Wconversion (implicit narrowing: int64 -> int, double -> float, ...) for the libraries that
# are clean of it; a library joins by calling this once its code compiles clean. Not yet:
# store, manager, ime, ui, client, hub (ImGui's float geometry and SQLite's int columns would
# need casts on many lines).
function(hall_warn_conversion target)
  target_compile_options(${target} PRIVATE -Wconversion)
endfunction()
