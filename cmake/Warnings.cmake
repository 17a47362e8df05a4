# Warning and sanitizer flags applied to every Godwit target through godwit_options.
add_library(godwit_options INTERFACE)
target_compile_options(godwit_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wimplicit-fallthrough)
# GCC 12 reports -Wrestrict false positives inside libstdc++'s std::string operator+ at
# -O2/-O3 (GCC bug 105329), in code that is correct; keep every other warning fatal.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(godwit_options INTERFACE -Wno-restrict)
endif()
if(GODWIT_WERROR)
  target_compile_options(godwit_options INTERFACE -Werror)
endif()
if(GODWIT_SANITIZE)
  target_compile_options(godwit_options INTERFACE -fsanitize=address,undefined
    -fno-omit-frame-pointer -fno-sanitize-recover=undefined
    # SOCI exports no typeinfo for its backend classes, which the vptr check needs.
    -fno-sanitize=vptr)
  target_link_options(godwit_options INTERFACE -fsanitize=address,undefined)
endif()
