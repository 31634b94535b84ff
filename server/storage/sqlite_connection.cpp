#include "server/storage/sqlite_connection.h"

#include <stdexcept>

namespace hearth::storage {

Statement::~Statement() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view text) {
  sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

int Statement::step() { return sqlite3_step(statement_); }

void Statement::reset() { sqlite3_reset(statement_); }

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(statement_, column); }

std::string Statement::text(int column) const {
  const auto* data = sqlite3_column_blob(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  return data ? std::string(static_cast<const char*>(data), static_cast<std::size_t>(size)) : std::string();
}

std::unique_ptr<SqliteConnection> SqliteConnection::open(const std::filesystem::path& path,
                                                         bool read_write, std::string* error) {
  // SQLite's memory statistics take a process-wide mutex on every allocation; nothing reads them.
  // Only possible before SQLite initializes, i.e. before the first connection opens.
  static const int no_memory_statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)no_memory_statistics;
  sqlite3* db = nullptr;
  const int flags = (read_write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    if (error) *error = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_extended_result_codes(db, 1);
  // Readers and the writer never wait on each other in WAL mode; this only covers checkpoints
  // and a second process such as `hearthd --admin-invite`.
  sqlite3_busy_timeout(db, 5000);
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

int SqliteConnection::exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

int SqliteConnection::run(const char* sql) {
  const int rc = prepare(sql).step();
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

Statement SqliteConnection::prepare(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
      // Our SQL is fixed at compile time: failing to prepare it is a programming error.
      throw std::logic_error(std::string("cannot prepare statement: ") + sqlite3_errmsg(db_));
    }
    it = statements_.emplace(sql, statement).first;
  }
  return Statement(it->second);
}

Status status_of(int sqlite_code) {
  switch (sqlite_code & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE: return Status::kOk;
    case SQLITE_CONSTRAINT: return Status::kAlreadyExists;
    case SQLITE_FULL: return Status::kFull;
    default: return Status::kInternal;
  }
}

}  // namespace hearth::storage
