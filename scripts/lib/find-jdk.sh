# Sourced by PushFlow's scripts: finds a JDK >= 21 and exports JAVA_HOME and PATH.
# Order: $JAVA_HOME, the java on PATH, then the usual install folders.
pushflow_java_major() {
  # prints the major version of the java binary given as $1 (0 when it cannot be run)
  pushflow_java_major_of "$1"
  echo "$PUSHFLOW_JAVA_MAJOR"
}

pushflow_java_major_of() {
  # sets PUSHFLOW_JAVA_MAJOR to the major version of the java binary given as $1 (0 when it cannot be run). A JDK's
  # `release` file says it without starting a JVM (each start costs ~0.1 s, and the folders scanned below hold
  # several JDKs); read in the shell itself, since every command forked costs a few ms and scripts/pushflow is timed
  # against a bare JavaFX window (scripts/measure-startup).
  local home="${1%/bin/java}" line v=""
  PUSHFLOW_JAVA_MAJOR=0
  if [ -f "$home/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=*) v="${line#JAVA_VERSION=}"; v="${v//\"/}"; break ;;
      esac
    done <"$home/release"
    case "$v" in
      1.*) v="${v#1.}" ;;
    esac
    v="${v%%[!0-9]*}"
    if [ -n "$v" ]; then
      PUSHFLOW_JAVA_MAJOR="$v"
      return 0
    fi
  fi
  v="$("$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)"
  PUSHFLOW_JAVA_MAJOR="${v:-0}"
}

pushflow_jdk_ok() {
  # true when $1 is a JDK >= 21 (java and javac); then exports JAVA_HOME and PATH
  if [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ]; then
    pushflow_java_major_of "$1/bin/java"
    if [ "$PUSHFLOW_JAVA_MAJOR" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$1"
      export PATH="$1/bin:$PATH"
      return 0
    fi
  fi
  return 1
}

pushflow_find_jdk() {
  local c javac
  # $JAVA_HOME first, decided without forking anything (the common case)
  if [ -n "${JAVA_HOME:-}" ] && pushflow_jdk_ok "$JAVA_HOME"; then
    return 0
  fi
  if javac="$(command -v javac 2>/dev/null)"; then
    javac="$(readlink -f "$javac")"
    pushflow_jdk_ok "${javac%/bin/javac}" && return 0
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* /usr/java/* \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && pushflow_jdk_ok "$c" && return 0
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

# Maven: an installed `mvn` 3.8 or newer, else the Maven Wrapper (./mvnw), which fetches the Maven version pinned in
# .mvn/wrapper/maven-wrapper.properties into ~/.m2/wrapper once. So a JDK is all a fresh machine needs.
# Sets PUSHFLOW_MVN (the command to run) and PUSHFLOW_MVN_LABEL (what it is, for messages); with the wrapper it also
# defines a shell function `mvn` so the scripts' plain `mvn ...` lines run it. PUSHFLOW_MAVEN=wrapper forces the
# wrapper, PUSHFLOW_MAVEN=/path/to/mvn a given Maven.
pushflow_maven_version() {
  # prints the version of the Maven command given as $1 (empty when it cannot be run)
  "$1" -v 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | sed -n 's/^Apache Maven \([0-9][0-9.]*\).*/\1/p' | head -n 1
}

pushflow_require_maven() {
  local root v major minor wanted="${PUSHFLOW_MAVEN:-}"
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if [ "$wanted" != wrapper ]; then
    local cmd="${wanted:-mvn}"
    if command -v "$cmd" >/dev/null 2>&1; then
      v="$(pushflow_maven_version "$cmd")"
      major="${v%%.*}"
      minor="${v#*.}"
      minor="${minor%%.*}"
      if [ -n "$v" ] && { [ "$major" -gt 3 ] || { [ "$major" -eq 3 ] && [ "$minor" -ge 8 ]; }; } 2>/dev/null; then
        PUSHFLOW_MVN="$(command -v "$cmd")"
        PUSHFLOW_MVN_LABEL="Maven $v ($PUSHFLOW_MVN)"
        export PUSHFLOW_MVN PUSHFLOW_MVN_LABEL
        return 0
      fi
      [ -n "$wanted" ] && { echo "PUSHFLOW_MAVEN=$wanted is not Maven 3.8 or newer (found: ${v:-nothing runnable})." >&2; return 1; }
    elif [ -n "$wanted" ]; then
      echo "PUSHFLOW_MAVEN=$wanted: no such command." >&2
      return 1
    fi
  fi
  if [ ! -x "$root/mvnw" ] || [ ! -f "$root/.mvn/wrapper/maven-wrapper.properties" ]; then
    echo "PushFlow builds with Apache Maven 3.8 or newer: no suitable 'mvn' is on PATH and the Maven Wrapper" >&2
    echo "(mvnw, .mvn/wrapper/) is missing from $root. Restore it (git checkout -- mvnw .mvn) or install Maven" >&2
    echo "(Debian/Ubuntu: sudo apt-get install maven; macOS: brew install maven) and run this again." >&2
    return 1
  fi
  local url version dist
  url="$(sed -n 's/^distributionUrl=//p' "$root/.mvn/wrapper/maven-wrapper.properties" | tr -d '\r')"
  version="$(basename "$url" | sed -n 's/^apache-maven-\(.*\)-bin\.zip$/\1/p')"
  PUSHFLOW_MVN="$root/mvnw"
  PUSHFLOW_MVN_LABEL="Maven ${version:-?} (Maven Wrapper)"
  export PUSHFLOW_MVN PUSHFLOW_MVN_LABEL
  dist="${MAVEN_USER_HOME:-$HOME/.m2}/wrapper/dists/apache-maven-${version}"
  if ! ls "$dist"/*/bin/mvn >/dev/null 2>&1; then
    echo "No Maven 3.8+ installed: fetching Maven ${version:-?} for ./mvnw into ${dist%/*} (once, ~9 MB)..." >&2
    if ! "$PUSHFLOW_MVN" -q -v >/dev/null 2>"${TMPDIR:-/tmp}/pushflow-mvnw.$$"; then
      sed 's/^/  /' "${TMPDIR:-/tmp}/pushflow-mvnw.$$" >&2
      rm -f "${TMPDIR:-/tmp}/pushflow-mvnw.$$"
      echo "Could not fetch Maven ${version:-?} for the Maven Wrapper (see above): check the network or the proxy" >&2
      echo "(the wrapper's download honours MVNW_REPOURL for a mirror), or install Maven 3.8+ and run this again." >&2
      return 1
    fi
    rm -f "${TMPDIR:-/tmp}/pushflow-mvnw.$$"
  fi
  mvn() { "$PUSHFLOW_MVN" "$@"; }
}

# Builds target/pushflow.jar (tests neither compiled nor run) and shows what Maven is doing as it goes: the files a first build
# downloads (counted) and each build step, instead of a silent minute. The full output is kept in
# target/build.log; on failure its errors are shown.
pushflow_build_progress() {
  # reads Maven's batch output, prints one line per build step and a count of the files downloaded
  local line n=0 name tty="" counting=""
  [ -t 2 ] && tty=1
  while IFS= read -r line; do
    line="${line#\[INFO\] }"
    case "$line" in
      "Downloaded from "*)
        n=$((n + 1))
        name="${line%% (*}"
        name="${name##*/}"
        if [ -n "$tty" ]; then
          printf '\r  downloaded %d files (%s)\033[K' "$n" "$name" >&2
          counting=1
        elif [ $((n % 25)) -eq 1 ]; then
          echo "  downloading plugins and libraries into ~/.m2: $n files so far ($name)" >&2
        fi
        continue ;;
      "--- "*) ;;
      "Compiling "*" source file"*) ;;
      "Building jar: "*) ;;
      "[ERROR]"*) ;;
      *) continue ;;
    esac
    [ -n "$counting" ] && { echo >&2; counting=""; }
    case "$line" in
      "--- "*) line="${line#--- }"; line="${line%% *}"; echo "  ${line%%:*}:${line##*:}" >&2 ;;
      "Compiling "*) echo "    ${line%% with *}" >&2 ;;
      "Building jar: "*) echo "    wrote target/${line##*/}" >&2 ;;
      *) echo "$line" >&2 ;;
    esac
  done
  [ -n "$counting" ] && echo >&2
  [ "$n" -gt 0 ] && echo "  $n files downloaded (once: they stay in the local Maven repository)" >&2
  return 0
}

pushflow_build() {
  local root log start rc
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  log="$root/target/build.log"
  mkdir -p "$root/target"
  start=$(date +%s)
  echo "Building PushFlow with $PUSHFLOW_MVN_LABEL (first run or sources changed)..." >&2
  set +e
  (cd "$root" && "$PUSHFLOW_MVN" -B -Dmaven.test.skip=true "$@" package 2>&1) | tee "$log" | pushflow_build_progress
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" -ne 0 ]; then
    echo "The build failed (full output: $log)." >&2
    return "$rc"
  fi
  echo "Built in $(( $(date +%s) - start )) s." >&2
}
