"""Qt item models over the Reader (domain/reader.py): Qt and domain only, never storage."""
