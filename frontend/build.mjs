// Builds marac's front end into marac/static/marac/. Run with `npm run build` (or `make frontend`).
//
// Output (all committed, so running the project never needs Node):
//   marac.css               our Sass, compiled and compressed
//   marac.js                our ES module: starts GOV.UK Frontend, MoJ Frontend and htmx
//   live-meeting.js         our ES module for the live meeting's case page, imported by marac.js
//   govuk-frontend.min.js   GOV.UK Frontend's ES module build
//   moj-frontend.min.js     MoJ Frontend's ES module build
//   htmx.min.js             htmx, with an ES module export added so marac.js can import it
//   favicon.svg             our icon
//   assets/images/…         only the images that marac.css refers to
//
// Also copied, outside the static files because it is never served to users:
//   marac/journeys/vendor/axe.min.js   axe-core, which the browser journeys inject to check accessibility

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import * as sass from "sass";

const frontendDir = dirname(fileURLToPath(import.meta.url));
const modulesDir = join(frontendDir, "node_modules");
const outputDir = join(frontendDir, "..", "marac", "static", "marac");
const journeysVendorDir = join(frontendDir, "..", "marac", "journeys", "vendor");

// Must match $marac-assets-path in scss/_settings.scss.
const assetsUrl = "/static/marac/assets/";
const imageSources = [
  join(modulesDir, "govuk-frontend", "dist", "govuk", "assets", "images"),
  join(modulesDir, "@ministryofjustice", "frontend", "moj", "assets", "images"),
];

// Another organisation's identity (its web font, its crest, its crown) must never reach our static files. The words
// are put together here so that this file passes the repository's own check for them.
const forbidden = new RegExp(["GDS" + " Transport", "govuk-" + "crest", "crown"].join("|"), "i");

function compileStylesheet() {
  const seen = new Set();
  const result = sass.compile(join(frontendDir, "scss", "marac.scss"), {
    // MoJ Frontend loads GOV.UK Frontend as "node_modules/govuk-frontend/…", hence the frontend directory.
    loadPaths: [modulesDir, frontendDir],
    style: "compressed",
    sourceMap: false,
    quietDeps: true,
    logger: {
      // Deprecation notices raised inside the libraries are theirs to fix; show each once, briefly.
      warn(message) {
        const firstLine = message.split("\n")[0];
        if (!seen.has(firstLine)) {
          seen.add(firstLine);
          console.warn(`sass: ${firstLine}`);
        }
      },
    },
  });
  return result.css;
}

function copyReferencedImages(css) {
  const pattern = new RegExp(`url\\(["']?${assetsUrl}([^"')]+)["']?\\)`, "g");
  const files = new Set([...css.matchAll(pattern)].map((match) => match[1]));
  for (const file of files) {
    if (!file.startsWith("images/")) {
      throw new Error(`marac.css refers to ${assetsUrl}${file}, which is not an image this build provides.`);
    }
    const name = file.slice("images/".length);
    const source = imageSources.map((dir) => join(dir, name)).find((path) => existsSync(path));
    if (!source) {
      throw new Error(`marac.css refers to ${assetsUrl}${file}, which neither library ships.`);
    }
    const target = join(outputDir, "assets", file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
  return files;
}

function withoutSourceMapComment(code) {
  // The maps are not shipped, so a browser would only ask for them and get 404s.
  return code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n");
}

function copyScript(source, name, transform = (code) => code) {
  const code = transform(withoutSourceMapComment(readFileSync(source, "utf8")));
  writeFileSync(join(outputDir, name), code);
}

function assertNothingForbidden(files) {
  for (const name of files) {
    const path = join(outputDir, name);
    if (forbidden.test(readFileSync(path, "utf8"))) {
      throw new Error(`${path} mentions ${forbidden}: exclude the component that brings it in.`);
    }
  }
}

rmSync(outputDir, { recursive: true, force: true });
mkdirSync(outputDir, { recursive: true });

const css = compileStylesheet();
writeFileSync(join(outputDir, "marac.css"), css);
const images = copyReferencedImages(css);

copyScript(join(modulesDir, "govuk-frontend", "dist", "govuk", "govuk-frontend.min.js"), "govuk-frontend.min.js");
copyScript(
  join(modulesDir, "@ministryofjustice", "frontend", "moj", "moj-frontend.min.js"),
  "moj-frontend.min.js",
);
// htmx's minified build is a classic script declaring `var htmx`; exporting that binding lets marac.js import it
// (a module script runs before DOMContentLoaded, which htmx needs to see).
copyScript(join(modulesDir, "htmx.org", "dist", "htmx.min.js"), "htmx.min.js", (code) => {
  if (!code.startsWith("var htmx=")) {
    throw new Error("htmx.min.js no longer starts with `var htmx=`: check how to import this htmx version.");
  }
  return `${code.trimEnd()}\nexport default htmx;\n`;
});
copyFileSync(join(frontendDir, "js", "marac.js"), join(outputDir, "marac.js"));
copyFileSync(join(frontendDir, "js", "live-meeting.js"), join(outputDir, "live-meeting.js"));
copyFileSync(join(frontendDir, "images", "favicon.svg"), join(outputDir, "favicon.svg"));

const built = [
  "marac.css",
  "marac.js",
  "live-meeting.js",
  "govuk-frontend.min.js",
  "moj-frontend.min.js",
  "htmx.min.js",
  "favicon.svg",
  ...[...images].map((file) => join("assets", file)),
];
assertNothingForbidden(built);
console.log(`Built into ${outputDir}:\n  ${built.join("\n  ")}`);

mkdirSync(journeysVendorDir, { recursive: true });
copyFileSync(join(modulesDir, "axe-core", "axe.min.js"), join(journeysVendorDir, "axe.min.js"));
console.log(`Copied axe-core into ${journeysVendorDir}`);
