# Read by cpack for every package it makes (CPACK_PROJECT_CONFIG_FILE).
# HALL_DEB_RELEASE in cpack's environment sets the Debian revision without reconfiguring:
# packaging/test-packages.sh builds a -2 of the same tree to test the upgrade path.
if(DEFINED ENV{HALL_DEB_RELEASE})
  set(CPACK_DEBIAN_PACKAGE_RELEASE "$ENV{HALL_DEB_RELEASE}")
endif()
