#include "server/storage/sqlite_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/storage/schema_migrations.h"

namespace hearth::storage {

namespace {

// The database holds everything people shared: only the service account may read it.
bool create_private_file(const std::filesystem::path& path, std::string* error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    *error = "cannot create the database file";
    return false;
  }
  ::fchmod(fd, 0600);
  ::close(fd);
  return true;
}

bool configure_writer(SqliteConnection& db, const SqliteStoreOptions& options, std::string* error) {
  // secure_delete: a deleted row's bytes are overwritten, not left in a free page. Acknowledged
  // direct-message ciphertexts, erased message texts and used prekeys then really leave the file.
  // (Debian builds SQLite with it on by default; set here so no other build differs.)
  std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";
  pragmas += options.synchronous_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
  if (options.max_db_bytes > 0) {
    // max_page_count counts pages of page_size bytes (4096 by default); at least one page more
    // than the schema needs, so a tiny cap still opens.
    pragmas += "PRAGMA max_page_count=" + std::to_string(std::max<std::int64_t>(16, options.max_db_bytes / 4096)) + ";";
  }
  if (db.exec(pragmas.c_str()) != SQLITE_OK) {
    *error = std::string("cannot configure the database: ") + sqlite3_errmsg(db.handle());
    return false;
  }
  return migrate(db, error);
}

}  // namespace

std::unique_ptr<SqliteStore> SqliteStore::open(const SqliteStoreOptions& options, std::string* error) {
  std::string ignored;
  if (error == nullptr) error = &ignored;
  if (!create_private_file(options.db_path, error)) return nullptr;
  auto writer = SqliteConnection::open(options.db_path, true, error);
  if (!writer || !configure_writer(*writer, options, error)) return nullptr;
  auto reader = SqliteConnection::open(options.db_path, false, error);
  if (!reader) return nullptr;
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::move(writer), std::move(reader), options.max_batch, options.batch_scope));
}

SqliteStore::SqliteStore(std::unique_ptr<SqliteConnection> writer,
                         std::unique_ptr<SqliteConnection> reader, std::size_t max_batch,
                         BatchScope batch_scope)
    : writer_(std::make_unique<WriterThread>(std::move(writer), max_batch, std::move(batch_scope))),
      reader_(std::make_unique<ReaderThread>(std::move(reader))) {}

SqliteStore::~SqliteStore() { shutdown(); }

void SqliteStore::shutdown() {
  // The writer first: reads queued behind it may want to see its last commits.
  writer_->stop();
  reader_->stop();
}

}  // namespace hearth::storage
