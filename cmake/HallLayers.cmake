# Each library exposes only its own folder. hall_expose_folder(<target> <folder>) links
# <build>/include/<target>/<name> to the source folder <folder> (name: the folder's last
# part) and makes that directory the target's include root, so `#include "store/x.h"`
# resolves only in targets that link hall_store (directly or through a PUBLIC dependency).
# There are no project-wide include roots: an include of a library the target does not
# link fails to compile. Which library may link which is the layer graph in
# docs/architecture.md; tests/layering checks every #include against it.
#   hall_expose_folder(hall_store ${CMAKE_CURRENT_SOURCE_DIR})            # PUBLIC
#   hall_expose_folder(hall-kiosk ${CMAKE_CURRENT_SOURCE_DIR} PRIVATE)    # a program's own folder
function(hall_expose_folder target folder)
  set(scope PUBLIC)
  if(ARGC GREATER 2)
    set(scope ${ARGV2})
  endif()
  get_filename_component(name "${folder}" NAME)
  set(root "${CMAKE_BINARY_DIR}/include/${target}")
  file(MAKE_DIRECTORY "${root}")
  file(CREATE_LINK "${folder}" "${root}/${name}" SYMBOLIC)
  target_include_directories(${target} ${scope} "$<BUILD_INTERFACE:${root}>")
endfunction()
