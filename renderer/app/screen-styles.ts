// The stylesheets of the lazily loaded screens, loaded with the first page as they were before
// the screens were split into their own chunks: so they keep their place in the cascade, before
// app/styles.css (main.tsx imports it last), whichever screen opens first. Together ~40 KB.
import '../features/settings/settings.css';
import '../features/sync/sync.css';
import '../features/templates/templates.css';
import '../features/templates/editor/editor.css';
import '../features/runs/runs.css';
import '../features/runs/move-version/move-version.css';
import '../features/team/team.css';
import '../features/waivers/waivers.css';
import '../features/signoff/signoff.css';
import '../features/evidence/evidence.css';
import '../features/review/review.css';
import '../features/compare/compare.css';
