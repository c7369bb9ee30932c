# Sourced by ./overtime: the jars the launcher runs, when they are stale, and how a build replaces them.
# The launcher runs copies in target/launch/, never the jars Maven writes: Maven rewrites
# platform/target/overtime-all.jar in place, and overwrites bench/target/overtime-bench.jar with the
# plain jar before it renames the file away, so a JVM running either would lose its classes mid-run.

overtime_build_inputs() { # $1 = project root; prints, one a line, every file or folder a build reads
  local root=$1 module
  printf '%s\n' "$root/pom.xml"
  [ -d "$root/.mvn" ] && printf '%s\n' "$root/.mvn"
  for module in $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$root/pom.xml"); do
    [ -f "$root/$module/pom.xml" ] && printf '%s\n' "$root/$module/pom.xml"
    [ -d "$root/$module/src" ] && printf '%s\n' "$root/$module/src"
  done
  return 0
}

overtime_stale() { # $1 = project root, $2... = launch jars; true when one is missing or a build input is newer than the first
  local root=$1 stamp=$2 jar input
  shift
  for jar in "$@"; do
    [ -f "$jar" ] || return 0
  done
  local -a inputs=()
  while IFS= read -r input; do inputs+=("$input"); done < <(overtime_build_inputs "$root")
  # Only poms and module sources: a data folder holds unpacked function jars with pom.xml files of
  # their own, and tests do not go into the jars. So nothing here depends on .git or .gitignore.
  [ -n "$(find "${inputs[@]}" -path '*/src/test' -prune -o -type f -newer "$stamp" -print -quit)" ]
}

overtime_install_jar() { # $1 = a jar Maven built, $2 = the launch jar to replace, $3 = file whose time it takes
  local partial="$2.partial.$$"
  mkdir -p "$(dirname "$2")" &&
    cp "$1" "$partial" &&
    touch -r "$3" "$partial" &&
    # A rename, not a copy over: a platform running the old jar keeps reading the old file.
    mv -f "$partial" "$2" || { rm -f "$partial"; return 1; }
}
