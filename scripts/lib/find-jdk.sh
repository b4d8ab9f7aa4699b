# Sourced by PushFlow's scripts: finds a JDK >= 21 and exports JAVA_HOME and PATH.
# Order: $JAVA_HOME, the java on PATH, then the usual install folders.
pushflow_java_major() {
  # prints the major version of the java binary given as $1 (0 when it cannot be run)
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1 | grep . || echo 0
}

pushflow_find_jdk() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* /usr/java/* \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then
      if [ "$(pushflow_java_major "$c/bin/java")" -ge 21 ] 2>/dev/null; then
        export JAVA_HOME="$c"
        export PATH="$c/bin:$PATH"
        return 0
      fi
    fi
  done
  cat >&2 <<'MSG'
PushFlow needs a JDK 21 or newer (a full JDK with javac, not only a JRE), and none was found
in JAVA_HOME, on PATH or under /usr/lib/jvm, /opt, ~/.sdkman or ~/.jdks.
Install one, for example:
  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk     (or temurin-21-jdk from Adoptium)
  macOS:          brew install openjdk@21
then run this command again (or point JAVA_HOME at it).
MSG
  return 1
}

pushflow_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "PushFlow builds with Apache Maven 3.8 or newer, and 'mvn' is not on PATH." >&2
    echo "Install it (Debian/Ubuntu: sudo apt-get install maven; macOS: brew install maven) and run this again." >&2
    return 1
  fi
}
