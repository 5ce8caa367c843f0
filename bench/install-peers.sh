#!/usr/bin/env bash
# Install the peers the benchmark measures against (not needed for npm test):
#   build: pandoc to PDF via pdflatex (TeX Live) and via wkhtmltopdf; pandoc to HTML
#   check: markdownlint-cli2 and remark-cli with remark-preset-lint-recommended
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  pandoc wkhtmltopdf \
  texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-plain-generic lmodern \
  xvfb xauth poppler-utils time >/dev/null
# npm peers go in their own folder, outside the project's lockfile.
npm install --prefix .cache/bench-peers --no-audit --no-fund --silent \
  markdownlint-cli2 remark-cli remark-preset-lint-recommended remark-frontmatter remark-directive remark-gfm
echo "peers installed"
