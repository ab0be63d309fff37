"""Team mode: several laptops share one inbox through a PostgreSQL database, each working from its own SQLite copy.

The window and the CLI read only the laptop's SQLite database, online or not. What a person changes on a shared
conversation (status, labels, assignment, notes, the flag for management) is written locally at once and queued
as an operation (`pending`); `replay` pushes the queue to the team database, which decides each by its rule
(domain/team.py) and appends it to its log, then reads the log's new operations back and applies them here by the
conversations' natural keys. The team database also holds the workspace's records (`server_schema`, `copying`),
from which a laptop that joins fills its copy.

- `link`: this laptop's membership (address, laptop and person names, how far the log was read, the clock);
- `pending`: operations recorded with a local change, waiting to be pushed;
- `local_apply`: an operation from the log made true in the SQLite copy;
- `server_schema`: connecting to the team database and its tables;
- `server_log`: pushing operations (the rules) and reading the log;
- `copying`: the records copied into the team database, and from it into a new laptop's copy.
"""
