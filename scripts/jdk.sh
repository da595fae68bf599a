# Sourced by the project's scripts: finds a JDK 25 or newer and exports JAVA_HOME and PATH.
# Looks at JAVA_HOME, the java on PATH, then the usual install places of Linux and macOS.

pharos_java_major() { # JDK home -> major version, empty if none
  local home=$1 v
  [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "${v:-}" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "${v:-}"
}

pharos_find_jdk() {
  local c major from_path=""
  if command -v javac >/dev/null 2>&1; then
    from_path=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  fi
  for c in "${JAVA_HOME:-}" "$from_path" /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$c" ] && [ -d "$c" ] || continue
    major=$(pharos_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

if ! PHAROS_JDK=$(pharos_find_jdk); then
  cat >&2 <<'MSG'
Pharos needs a JDK 25 (or newer) and none was found.
Looked at JAVA_HOME, the java on PATH, and the usual JDK folders.
Install one (for example Eclipse Temurin 25, or your distribution's openjdk-25-jdk),
then run again, or point to it:  export JAVA_HOME=/path/to/jdk-25
MSG
  exit 2
fi
export JAVA_HOME="$PHAROS_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
