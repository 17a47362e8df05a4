# Warning and sanitizer flags applied to every Godwit target through godwit_options.
add_library(godwit_options INTERFACE)
target_compile_options(godwit_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wimplicit-fallthrough)
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
