# `cmake --install BUILD --prefix PREFIX`: the two programs, and what a strategy plugin is built
# against (docs/plugins.md): include/perfharness/plugin.hpp and a CMake package, so that
#   find_package(perfharness REQUIRED)
#   target_link_libraries(my_strategies PRIVATE perfharness::plugin_api)
# works from any project (CMAKE_PREFIX_PATH=PREFIX when PREFIX is not a system one).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS perfharness perfharness-exec RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/lib/plugin_api/include/perfharness/plugin.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/perfharness)

set(_package_dir ${CMAKE_INSTALL_LIBDIR}/cmake/perfharness)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/perfharnessConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/perfharnessConfig.cmake
                              INSTALL_DESTINATION ${_package_dir}
                              PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/perfharnessConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/perfharnessConfig.cmake ${PROJECT_BINARY_DIR}/perfharnessConfigVersion.cmake
        DESTINATION ${_package_dir})

# The user documentation beside the program (share/doc/perfharness), and the bash completion
# where bash-completion looks for it by command name.
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}
        FILES_MATCHING PATTERN "*.md" PATTERN "*.json" PATTERN "*.png")
install(FILES ${PROJECT_SOURCE_DIR}/completions/perfharness.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME perfharness)
