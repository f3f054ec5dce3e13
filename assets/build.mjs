// Compiles GOV.UK Frontend with Commonweal's settings into committed static files,
// so that running Commonweal needs no Node. Run with `make assets`.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src/commonweal/core/static/commonweal");
mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "assets/scss/commonweal.scss"), {
  style: "compressed",
  loadPaths: [join(root, "node_modules")],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "commonweal.css"), result.css + "\n");

const frontend = join(root, "node_modules/govuk-frontend/dist/govuk");
copyFileSync(join(frontend, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
console.log(`Wrote ${out}/commonweal.css and govuk-frontend.min.js`);
