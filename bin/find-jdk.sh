# Sourced by ./overtime and .ci/run: finds a JDK of at least a given major version.
# Order: JAVA_HOME, then `java` on PATH, then the system's JVM install folders.

overtime_java_major() { # $1 = path to a java binary; prints its major version
  local line release
  release="$(dirname "$1")/../release"
  # The JDK's release file answers without starting a JVM, which costs the launcher ~0.2 s per JDK.
  line=$(sed -n 's/^JAVA_VERSION="\(.*\)"/"\1"/p' "$release" 2>/dev/null) || line=
  [ -n "$line" ] || line=$("$1" -version 2>&1 | head -n 1) || return 1
  line=${line#*\"}; line=${line%%\"*}   # 17.0.15 or 1.8.0_402 or 21
  case "$line" in 1.*) line=${line#1.} ;; esac
  printf '%s\n' "${line%%[.+-]*}"
}

overtime_find_jdk() { # $1 = minimum major version; prints a JAVA_HOME
  local want=$1 candidate major
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(readlink -f "$(command -v java)")")
  for candidate in /usr/lib/jvm/*/bin/java /usr/java/*/bin/java /opt/java/*/bin/java \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -x "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate" ] && [ -x "$(dirname "$candidate")/javac" ] || continue
    major=$(overtime_java_major "$candidate") || continue
    if [ "$major" -ge "$want" ] 2>/dev/null; then
      (cd "$(dirname "$candidate")/.." && pwd)
      return 0
    fi
  done
  echo "overtime: no JDK $want or newer found (looked at JAVA_HOME, java on PATH and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME." >&2
  return 1
}
