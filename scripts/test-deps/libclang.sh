# Sourced by scripts/test.sh: libclang for building pg_query (the real
# PostgreSQL grammar behind plinth-postgres's SQL importer; its build script
# generates bindings with bindgen, which loads libclang). protoc is not needed:
# pg_query ships its generated protobuf code.
# shellcheck shell=bash

if ! compgen -G "/usr/lib/llvm-*/lib/libclang.so*" >/dev/null; then
  echo "libclang not found; installing the Debian package libclang-dev..." >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libclang-dev >/dev/null
fi
