#!/usr/bin/env bash
# The lint step of the dpglint GitHub Action (action.yml). Runs dpglint once, producing
# annotations on stdout (--format github), the Markdown job summary (appended to
# $GITHUB_STEP_SUMMARY) and SARIF (INPUT_SARIF_FILE); writes the step outputs `sarif-file`
# and `exit-code` to $GITHUB_OUTPUT, and exits with dpglint's exit code.
#
# Inputs come from the environment only (INPUT_PATH, INPUT_ARGS, INPUT_FAIL_ON,
# INPUT_SARIF_FILE, INPUT_GITHUB_TOKEN, INPUT_ONLINE). INPUT_PATH and INPUT_ARGS are split
# on whitespace into an array with `read -ra`: no quote removal, no globbing, no command
# substitution, so each word reaches dpglint as a literal argument.
#
# DPGLINT_PYTHON is the interpreter with dpglint installed (the action's install step sets
# it to the venv under $RUNNER_TEMP; the tests point it at their own interpreter).
set -euo pipefail

fail() {
    echo "::error title=dpglint action::$1"
    exit 2
}

python="${DPGLINT_PYTHON:-}"
if [[ -z "$python" ]]; then
    venv="${RUNNER_TEMP:?RUNNER_TEMP is not set}/dpglint-venv"
    if [[ -x "$venv/bin/python" ]]; then python="$venv/bin/python"; else python="$venv/Scripts/python.exe"; fi
fi

if [[ -n "${GITHUB_WORKSPACE:-}" ]]; then
    cd "$GITHUB_WORKSPACE"
fi

paths=()
args=()
# -d '' reads every line, not just the first (read then returns 1 at the end of input)
read -ra paths -d '' <<<"${INPUT_PATH:-}" || true
read -ra args -d '' <<<"${INPUT_ARGS:-}" || true
if [[ ${#paths[@]} -eq 0 ]]; then
    paths=(.)
fi

sarif="${INPUT_SARIF_FILE:-dpglint.sarif}"
if [[ "$sarif" == *$'\n'* || "$sarif" == *$'\r'* ]]; then
    fail "sarif-file must be a single line"
fi
mkdir -p -- "$(dirname -- "$sarif")"

command=(check --format github --sarif "$sarif")
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    command+=(--summary "$GITHUB_STEP_SUMMARY")
fi
if [[ -n "${INPUT_FAIL_ON:-}" ]]; then
    command+=(--fail-on "$INPUT_FAIL_ON")
fi
case "${INPUT_ONLINE:-false}" in
    true | True | TRUE) command+=(--online) ;;
    false | False | FALSE | "") ;;
    *) fail "online must be true or false, not '${INPUT_ONLINE}'" ;;
esac
if [[ -n "${INPUT_GITHUB_TOKEN:-}" ]]; then
    # dpglint reads it only for the GitHub API checks (--github); never printed
    export GITHUB_TOKEN="$INPUT_GITHUB_TOKEN"
fi
# (the ${a[@]+...} form: an empty array is not "unbound" under set -u in bash 3.2 either)
command+=(${args[@]+"${args[@]}"} -- "${paths[@]}")

set +e
"$python" -m dpglint "${command[@]}"
code=$?
set -e

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    {
        echo "sarif-file=$sarif"
        echo "exit-code=$code"
    } >>"$GITHUB_OUTPUT"
fi
exit "$code"
