# One static library per lib/<concern>: public headers in include/, sources in src/.
# Sources are globbed so that adding a file to a concern needs no CMake edit.
function(perfharness_module name)
  cmake_parse_arguments(M "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB _src CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${name}/src/*.cpp)
  if(_src)
    add_library(ph_${name} STATIC ${_src})
    target_include_directories(ph_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/${name}/include
                                          PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/${name}/src)
    target_link_libraries(ph_${name} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS})
  else()
    add_library(ph_${name} INTERFACE)
    target_include_directories(ph_${name} INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/${name}/include)
    target_link_libraries(ph_${name} INTERFACE ${M_DEPS})
  endif()
  add_library(perfharness::${name} ALIAS ph_${name})
endfunction()
