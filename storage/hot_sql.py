"""Statements of the message hot path, compiled once and sent on the DBAPI cursor.

Every inbound message runs the same handful of small statements (the
participant read, the answer, the end of the turn). SQLAlchemy's execution
of a cached Core statement costs several times what SQLite or psycopg spends
on it: an execution context, parameter processing, a result object, the
Session's bookkeeping (bench/RESULTS.md, issue 18). A `HotStatement` is the
same Core statement compiled once per dialect and set of parameter names,
with the column types' own bind and result processors, run on the DBAPI
connection inside the transaction of a Session or of a Core connection (the
conversation engine's turns use the latter: no Session bookkeeping at all).

What stays as with `connection.execute`: the SQL text, every type conversion,
SQLAlchemy's exception classes (a duplicate receipt is an IntegrityError; a
dropped connection is handed to SQLAlchemy, which invalidates the pool and
raises with `connection_invalidated`), and the `before_cursor_execute` event
that statement counters (tests, bench/conversation.py) listen to. A statement
that needs Python-side column defaults runs through SQLAlchemy instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CTE, Connection, Table, bindparam, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement
from sqlmodel import Session

Processor = Callable[[Any], Any]
# What the hot path runs on: a Session, or (the conversation engine) a Core connection.
Executor = Session | Connection


def connection_of(executor: Executor) -> Connection:
    """The Core connection of a session's transaction, or the connection itself."""
    return executor if isinstance(executor, Connection) else executor.connection()


def dialect_name(executor: Executor) -> str:
    """'postgresql' or 'sqlite', without starting a transaction."""
    if isinstance(executor, Connection):
        return executor.dialect.name
    return executor.get_bind().dialect.name


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    positional: bool
    # (name in the SQL, parameter key or None for a fixed value, fixed value, processor)
    binds: tuple[tuple[str, str | None, Any, Processor | None], ...]
    order: tuple[str, ...]
    # Python-side defaults to compute, or parameters rendered into the SQL at
    # execution time (expanding IN): leave the statement to SQLAlchemy.
    needs_sqlalchemy: bool


class HotStatement:
    """A Core statement run on the raw DBAPI cursor of a session's connection.

    `execute` returns the rows (processed like SQLAlchemy's: datetimes, JSON,
    booleans) of a SELECT or a RETURNING, or an empty list.
    """

    def __init__(self, statement: Executable) -> None:
        assert isinstance(statement, ClauseElement)
        self.statement = statement
        self._compiled: dict[tuple[str, frozenset[str]], _Compiled] = {}
        self._results: dict[str, tuple[Processor | None, ...]] = {}
        self._lock = threading.Lock()
        self._returns_rows = bool(list(getattr(statement, "exported_columns", ())))

    def execute(self, session: Executor, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        connection = connection_of(session)
        dialect = connection.dialect
        compiled = self._compiled.get((dialect.name, frozenset(params)))
        if compiled is None:
            compiled = self._compile(dialect, params)
        if compiled.needs_sqlalchemy:
            return [tuple(row) for row in connection.execute(self.statement, dict(params))]
        values = {
            name: (
                (params[key] if key is not None else fixed)
                if processor is None
                else processor(params[key] if key is not None else fixed)
            )
            for name, key, fixed, processor in compiled.binds
        }
        args: Any = (
            tuple(values[name] for name in compiled.order) if compiled.positional else values
        )
        return self._run(connection, compiled.sql, args)

    def _run(self, connection: Connection, sql: str, args: Any) -> list[tuple[Any, ...]]:
        dbapi_connection = connection.connection.dbapi_connection
        assert dbapi_connection is not None
        dialect = connection.dialect
        cursor = dbapi_connection.cursor()
        try:
            if connection.dispatch.before_cursor_execute:
                connection.dispatch.before_cursor_execute(
                    connection, cursor, sql, args, None, False
                )
            try:
                cursor.execute(sql, args)
            except dialect.loaded_dbapi.Error as error:
                raise self._translated(connection, cursor, sql, args, error) from error
            if not self._returns_rows:
                # (An INSERT compiled for PostgreSQL returns its new primary key
                # whether or not the statement asked for it.)
                return []
            rows = cursor.fetchall()
            processors = self._results.get(dialect.name)
            if processors is None:
                # psycopg builds the description afresh on every access: once is enough.
                processors = self._result_processors(dialect, cursor.description)
        finally:
            cursor.close()
        if not any(processors):
            return [tuple(row) for row in rows]
        return [
            tuple(
                value if processor is None else processor(value)
                for value, processor in zip(row, processors, strict=True)
            )
            for row in rows
        ]

    @staticmethod
    def _translated(
        connection: Connection, cursor: Any, sql: str, args: Any, error: Exception
    ) -> BaseException:
        dialect = connection.dialect
        dbapi_connection = connection.connection.dbapi_connection
        if dialect.is_disconnect(error, dbapi_connection, cursor):  # type: ignore[arg-type]
            # SQLAlchemy's own handling of a dead connection: it invalidates
            # this connection and every older pooled one, and raises a
            # DBAPIError with connection_invalidated set (the engine retries).
            connection.exec_driver_sql("SELECT 1")
        return DBAPIError.instance(sql, args, error, dialect.loaded_dbapi.Error, dialect=dialect)

    def _compile(self, dialect: Dialect, params: Mapping[str, Any]) -> _Compiled:
        with self._lock:
            compiled = self.statement.compile(dialect=dialect, column_keys=list(params))
            assert isinstance(compiled, SQLCompiler)
            binds: list[tuple[str, str | None, Any, Processor | None]] = []
            for name, bind in compiled.binds.items():
                processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
                if bind.key in params:
                    binds.append((name, bind.key, None, processor))
                elif bind.required and bind.callable is None:
                    raise ArgumentError(f"a value is required for bind parameter {bind.key!r}")
                else:
                    binds.append((name, None, bind.effective_value, processor))
            result = _Compiled(
                sql=compiled.string,
                positional=dialect.positional,
                binds=tuple(binds),
                order=tuple(compiled.positiontup or ()),
                needs_sqlalchemy=bool(
                    compiled.insert_prefetch
                    or compiled.update_prefetch
                    # IN lists and literals rendered at execution time.
                    or compiled.post_compile_params
                    or compiled.literal_execute_params
                ),
            )
            self._compiled[(dialect.name, frozenset(params))] = result
            return result

    def _result_processors(
        self, dialect: Dialect, description: Sequence[Sequence[Any]]
    ) -> tuple[Processor | None, ...]:
        columns = list(getattr(self.statement, "exported_columns", ()))
        assert len(columns) == len(description), f"result columns do not match {self.statement}"
        processors = tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, item[1])
            for column, item in zip(columns, description, strict=True)
        )
        self._results[dialect.name] = processors
        return processors


def insert_cte(table: Table, prefix: str, columns: Sequence[str], name: str) -> CTE:
    """``INSERT INTO table (column ...) VALUES (:prefix_column ...) RETURNING id`` as a CTE."""
    return (
        insert(table)
        .values(
            {
                column: bindparam(f"{prefix}_{column}", type_=table.c[column].type)
                for column in columns
            }
        )
        .returning(table.c.id)
        .cte(name)
    )
