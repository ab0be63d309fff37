"""A real WordPress on loopback for the tests (Debian's `wordpress`, `php-cli`, `php-mysql`, `mariadb-server`).

The lightest arrangement found that really runs WordPress here, with no Apache and no system service:
- MariaDB on a Unix socket with networking off, its data folder made by `mariadb-install-db --no-defaults` in a
  temp dir (root with an empty password, for any Unix user);
- a copy of `/usr/share/wordpress` (Debian's `wp-config.php` reads `/etc/wordpress` per host: ours replaces it)
  served by PHP's built-in server with several workers and a router that sends every path that is not a file to
  `index.php` (pretty permalinks, `/wp-json/`);
- `WP_ENVIRONMENT_TYPE` "local", which lets application passwords work over plain http (WordPress wants https
  elsewhere); every HTTP request WordPress would make (updates, its cron, oEmbed) refused by a must-use plugin;
- installed as a person does, by posting the installer's form; pretty permalinks and an application password for
  the administrator made with WordPress's own PHP (`wp eval`-like, through `php-cli`).

Comments are written as visitors write them, through the REST API (`rest_comment`), or thousands at once through
WordPress's own `wp_insert_comment` for the benchmarks (`bulk_comments`).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.support.ports import free_port, wait_until_listening

WORDPRESS = Path("/usr/share/wordpress")
ADMIN = "baker"
ADMIN_PASSWORD = "correct horse battery staple 1"

ROUTER = """<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = __DIR__ . $path;
if ($path !== '/' && file_exists($file)) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = __DIR__ . '/index.php';
chdir(__DIR__);
require __DIR__ . '/index.php';
"""

CONFIG = """<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('AUTH_KEY', 'cmdesk-tests-1'); define('SECURE_AUTH_KEY', 'cmdesk-tests-2');
define('LOGGED_IN_KEY', 'cmdesk-tests-3'); define('NONCE_KEY', 'cmdesk-tests-4');
define('AUTH_SALT', 'cmdesk-tests-5'); define('SECURE_AUTH_SALT', 'cmdesk-tests-6');
define('LOGGED_IN_SALT', 'cmdesk-tests-7'); define('NONCE_SALT', 'cmdesk-tests-8');
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""

NO_REQUESTS = """<?php
/* Tests: WordPress asks nobody anything over HTTP (updates, cron, oEmbed, its own loopback checks). */
add_filter('pre_http_request', function () { return new WP_Error('http_request_blocked', 'no network in tests'); });
"""

EVAL = """<?php
/* Runs PHP given on standard input inside WordPress (what `wp eval` does), printing JSON. */
$_SERVER['HTTP_HOST'] = '127.0.0.1';
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';
$result = eval(stream_get_contents(STDIN));
echo json_encode($result);
"""


@dataclass
class WordPressSite:
    """A running WordPress: its address, its administrator and an application password made for cmdesk."""

    url: str
    root: Path
    username: str = ADMIN
    password: str = ADMIN_PASSWORD
    app_password: str = ""
    started_in: float = 0.0
    """Seconds from nothing to an installed site with its application password (the note's number)."""
    _client: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=30), repr=False)

    def rest(
        self,
        method: str,
        route: str,
        *,
        data: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        anonymous: bool = False,
    ) -> Any:
        """One REST request as the administrator (or nobody), its JSON answer; raises on an error status."""
        auth = None if anonymous else (self.username, self.app_password)
        response = self._client.request(method, f"{self.url}/wp-json{route}", json=data, params=params, auth=auth)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {route}: HTTP {response.status_code} {response.text[:500]}")
        return response.json()

    def add_post(self, title: str, content: str = "", **fields: Any) -> dict[str, Any]:
        post: dict[str, Any] = self.rest(
            "POST", "/wp/v2/posts", data={"title": title, "content": content or title, "status": "publish", **fields}
        )
        return post

    def rest_comment(
        self, post: int, text: str, *, author: str = "Camille Martin", parent: int = 0, status: str = "approved"
    ) -> dict[str, Any]:
        """A visitor's comment, written through the REST API (as the administrator may, on a visitor's behalf)."""
        plain = unicodedata.normalize("NFKD", author).encode("ascii", "ignore").decode()
        email = plain.lower().replace(" ", ".") + "@example.org"
        fields = {"post": post, "content": text, "author_name": author, "author_email": email, "status": status}
        comment: dict[str, Any] = self.rest("POST", "/wp/v2/comments", data={**fields, "parent": parent})
        return comment

    def comment(self, comment_id: int) -> dict[str, Any]:
        found: dict[str, Any] = self.rest("GET", f"/wp/v2/comments/{comment_id}", params={"context": "edit"})
        return found

    def php(self, code: str) -> Any:
        """Run PHP inside WordPress (the value it returns, through JSON)."""
        done = subprocess.run(
            ["php", str(self.root / "cmdesk-eval.php")], input=code, capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else None

    def bulk_comments(self, post: int, count: int, *, start: str = "2025-01-01 00:00:00") -> None:
        """`count` visitors' comments under `post`, a minute apart from `start` (UTC), written by WordPress's own
        `wp_insert_comment` in one process: the REST API takes ~30 ms a comment, too slow for thousands."""
        self.php(
            f"$t = strtotime('{start} UTC'); for ($i = 0; $i < {count}; $i++) {{"
            " $d = gmdate('Y-m-d H:i:s', $t + 60 * $i);"
            f" wp_insert_comment(array('comment_post_ID' => {post}, 'comment_content' => \"Bonjour, commande n°$i ?\","
            " 'comment_author' => \"Visiteur $i\", 'comment_author_email' => \"v$i@example.org\","
            " 'comment_date' => $d, 'comment_date_gmt' => $d, 'comment_approved' => ($i % 10 == 0) ? 0 : 1)); }"
            " wp_update_comment_count_now(" + str(post) + "); return true;"
        )


class Running:
    """Starts MariaDB and PHP's server in `folder`, installs WordPress, and stops both."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.processes: list[subprocess.Popen[bytes]] = []
        self.site: WordPressSite | None = None

    def start(self) -> WordPressSite:
        began = time.monotonic()
        socket = self._start_database()
        root = self._copy_wordpress(socket)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        environment = {**os.environ, "PHP_CLI_SERVER_WORKERS": "4"}
        self.processes.append(
            subprocess.Popen(
                ["php", "-S", f"127.0.0.1:{port}", "-t", str(root), str(root / "cmdesk-router.php")],
                cwd=root,
                env=environment,
                start_new_session=True,  # its workers are its children: stopped with it, as a group
                stdout=subprocess.DEVNULL,
                stderr=(self.folder / "php.log").open("wb"),
            )
        )
        if not wait_until_listening(port, 15):
            raise RuntimeError(f"PHP's server did not start: {(self.folder / 'php.log').read_text()[-2000:]}")
        site = WordPressSite(url, root)
        self._install(site)
        site.started_in = time.monotonic() - began
        self.site = site
        return site

    def _start_database(self) -> str:
        data = self.folder / "db"
        socket = str(self.folder / "db.sock")
        user = ["--user=root"] if os.geteuid() == 0 else []
        subprocess.run(
            ["mariadb-install-db", "--no-defaults", f"--datadir={data}", "--auth-root-authentication-method=normal",
             "--skip-test-db", *user],
            check=True, capture_output=True,
        )  # fmt: skip
        self.processes.append(
            subprocess.Popen(
                ["mariadbd", "--no-defaults", f"--datadir={data}", f"--socket={socket}", "--skip-networking",
                 f"--pid-file={self.folder / 'db.pid'}", "--innodb-buffer-pool-size=64M", *user],
                stdout=subprocess.DEVNULL, stderr=(self.folder / "mariadb.log").open("wb"),
            )
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            made = subprocess.run(
                ["mariadb", "--no-defaults", f"--socket={socket}", "-uroot", "-e", "CREATE DATABASE wordpress"],
                capture_output=True,
            )
            if made.returncode == 0:
                return socket
            time.sleep(0.1)
        raise RuntimeError(f"MariaDB did not start: {(self.folder / 'mariadb.log').read_text()[-2000:]}")

    def _copy_wordpress(self, socket: str) -> Path:
        root = self.folder / "site"
        shutil.copytree(WORDPRESS, root, symlinks=True, ignore=shutil.ignore_patterns("wp-config.php", ".htaccess"))
        (root / "wp-content" / "mu-plugins").mkdir(parents=True)
        (root / "wp-content" / "uploads").mkdir()
        (root / "wp-content" / "mu-plugins" / "no-requests.php").write_text(NO_REQUESTS)
        (root / "wp-config.php").write_text(CONFIG.replace("{socket}", socket))
        (root / "cmdesk-router.php").write_text(ROUTER)
        (root / "cmdesk-eval.php").write_text(EVAL)
        return root

    def _install(self, site: WordPressSite) -> None:
        form = {
            "weblog_title": "La Boulangerie du Coin",
            "user_name": ADMIN,
            "admin_password": ADMIN_PASSWORD,
            "admin_password2": ADMIN_PASSWORD,
            "pw_weak": "1",
            "admin_email": "baker@example.org",
            "blog_public": "0",
        }
        answer = httpx.post(f"{site.url}/wp-admin/install.php?step=2", data=form, timeout=60)
        if answer.status_code != 200 or "Success" not in answer.text:
            raise RuntimeError(f"WordPress did not install: {answer.status_code} {answer.text[-500:]}")
        made = site.php(
            "update_option('permalink_structure', '/%postname%/'); flush_rewrite_rules();"
            f" $user = get_user_by('login', '{ADMIN}');"
            " $made = WP_Application_Passwords::create_new_application_password($user->ID, array('name' => 'cmdesk'));"
            " return $made[0];"
        )
        site.app_password = str(made)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                _signal_group(process, signal.SIGTERM)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    _signal_group(process, signal.SIGKILL)
                    process.wait()
            _signal_group(process, signal.SIGKILL)  # workers left behind by their server
        self.processes.clear()


def _signal_group(process: subprocess.Popen[bytes], number: int) -> None:
    """Signal the process and, when it leads a session of its own (PHP's server), every process in it — its
    workers outlive it otherwise."""
    try:
        if process.args[0] == "php":
            os.killpg(process.pid, number)
        elif process.poll() is None:
            process.send_signal(number)
    except (ProcessLookupError, PermissionError):
        pass
