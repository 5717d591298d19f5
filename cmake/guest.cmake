# guest.cmake — building S/370 guest code (cp/, cms/) with Debian's s390x
# cross-compiler (DESIGN.md rule 3).
#
#   s370_guest_image(NAME LDSCRIPT SOURCES...)
#
# compiles the sources (C and GNU as .S) for ESA/390 in 31-bit mode, links
# them with LDSCRIPT into NAME.elf, checks every instruction against the
# emulator's opcode table (tools/opcheck.c: the build fails on one the CPU
# lacks) and makes the flat image NAME.bin.  Sets S370_GUEST_OK to FALSE when
# the cross tools are missing.

find_program(S390_GCC s390x-linux-gnu-gcc)
find_program(S390_LD_GUEST s390x-linux-gnu-ld)
find_program(S390_OBJCOPY_GUEST s390x-linux-gnu-objcopy)
find_program(S390_OBJDUMP s390x-linux-gnu-objdump)
if(S390_GCC AND S390_LD_GUEST AND S390_OBJCOPY_GUEST AND S390_OBJDUMP)
  set(S370_GUEST_OK TRUE)
else()
  set(S370_GUEST_OK FALSE)
  message(WARNING "gcc-s390x-linux-gnu/binutils-s390x-linux-gnu not found: CP and CMS are not built")
endif()

# No C library, no position independence, no unwind tables; the loop
# patterns that GCC would turn into memset/memcpy calls stay loops (lib.c
# defines those functions with such loops); page 0 is real storage that CP
# addresses, not a null pointer.
set(S370_GUEST_CFLAGS -m31 -march=z900 -mesa -O2 -std=c11 -ffreestanding -fno-builtin -nostdlib
    -fno-pic -fno-pie -fno-asynchronous-unwind-tables -fno-stack-protector
    -fno-tree-loop-distribute-patterns -fno-delete-null-pointer-checks --param=min-pagesize=0
    -Wall -Wextra -Werror)

# s370_guest_objects(NAME OUTVAR INCLUDE-FLAGS SOURCES...): each source
# compiled for NAME (per image: two images may share a source); the objects
# in OUTVAR.
function(s370_guest_objects NAME OUTVAR INCLUDES)
  set(objs)
  foreach(src ${ARGN})
    get_filename_component(base ${src} NAME)
    set(obj ${CMAKE_CURRENT_BINARY_DIR}/${NAME}-${base}.o)
    add_custom_command(OUTPUT ${obj}
      COMMAND ${S390_GCC} ${S370_GUEST_CFLAGS} ${INCLUDES} -c ${src} -o ${obj}
      DEPENDS ${src}
      IMPLICIT_DEPENDS C ${src}
      COMMENT "guest cc ${NAME}: ${base}" VERBATIM)
    list(APPEND objs ${obj})
  endforeach()
  set(${OUTVAR} ${objs} PARENT_SCOPE)
endfunction()

function(s370_guest_image NAME LDSCRIPT)
  s370_guest_objects(${NAME} objs "-I${CMAKE_CURRENT_SOURCE_DIR}" ${ARGN})
  set(elf ${CMAKE_CURRENT_BINARY_DIR}/${NAME}.elf)
  set(bin ${CMAKE_CURRENT_BINARY_DIR}/${NAME}.bin)
  add_custom_command(OUTPUT ${elf} ${bin}
    COMMAND ${S390_LD_GUEST} -m elf_s390 --no-warn-rwx-segments -T ${LDSCRIPT} -o ${elf} ${objs}
    COMMAND sh -c "${S390_OBJDUMP} -d ${elf} | $<TARGET_FILE:opcheck> ${NAME}"
    COMMAND ${S390_OBJCOPY_GUEST} -O binary ${elf} ${bin}
    DEPENDS ${objs} ${LDSCRIPT} opcheck
    COMMENT "guest link ${NAME}: ${NAME}.elf, opcode check, ${NAME}.bin" VERBATIM)
  add_custom_target(${NAME} ALL DEPENDS ${bin})
endfunction()

# s370_cms_program(NAME SOURCES...): a CMS program (a MODULE: cms/prog/,
# docs/cms-programs.md) -- the sources with the program runtime, linked at 0
# with its relocations kept (ld -q) into NAME.elf, every instruction checked
# as above; `tools/cmsfs IMAGE module NAME.elf FN` puts it on a CMS disk.
function(s370_cms_program NAME)
  set(runtime ${CMAKE_SOURCE_DIR}/cms/prog/crt0.S ${CMAKE_SOURCE_DIR}/cms/prog/cmsprog.c
      ${CMAKE_SOURCE_DIR}/cp/lib.c ${CMAKE_SOURCE_DIR}/cp/ebcdic.c ${CMAKE_SOURCE_DIR}/cms/vformat.c
      ${CMAKE_SOURCE_DIR}/cms/fmt.c)
  s370_guest_objects(${NAME} objs "-I${CMAKE_SOURCE_DIR}/cms/prog;-I${CMAKE_SOURCE_DIR}/cms" ${ARGN} ${runtime})
  set(elf ${CMAKE_CURRENT_BINARY_DIR}/${NAME}.elf)
  set(ld ${CMAKE_SOURCE_DIR}/cms/prog/prog.ld)
  add_custom_command(OUTPUT ${elf}
    COMMAND ${S390_LD_GUEST} -m elf_s390 --no-warn-rwx-segments -q -T ${ld} -o ${elf} ${objs}
    COMMAND sh -c "${S390_OBJDUMP} -d ${elf} | $<TARGET_FILE:opcheck> ${NAME}"
    DEPENDS ${objs} ${ld} opcheck
    COMMENT "guest link ${NAME}: ${NAME}.elf (a CMS program), opcode check" VERBATIM)
  add_custom_target(${NAME} ALL DEPENDS ${elf})
endfunction()
