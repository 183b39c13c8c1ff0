// The SQLite wrapper: bindings, error mapping, statement cache and snapshot release.
#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace palabre::store::sqlite {
namespace {

constexpr char kCreate[] =
    "PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, n INTEGER)";
constexpr char kInsert[] = "INSERT INTO t (s, n) VALUES (?1, ?2)";
constexpr char kSelectAll[] = "SELECT id, s, n FROM t ORDER BY id";
constexpr char kCount[] = "SELECT count(*) FROM t";
constexpr char kCountNullS[] = "SELECT count(*) FROM t WHERE s IS NULL";

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "palabre_db_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    Result<std::unique_ptr<Db>> db = Db::Open(dir_ + "/t.db", /*create=*/true);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->Exec(kCreate).ok());
  }
  void TearDown() override {
    db_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::int64_t Count(Db& db, const char* query) {
    Result<Stmt> stmt = db.Prepare(query);
    EXPECT_TRUE(stmt.ok());
    if (!stmt.ok()) return -1;
    Result<bool> row = stmt->Step();
    EXPECT_TRUE(row.ok() && *row);
    return stmt->ColumnInt(0);
  }

  std::string dir_;
  std::unique_ptr<Db> db_;
};

TEST_F(DbTest, AnEmptyStringBindsAnEmptyTextNotNull) {
  {
    Result<Stmt> insert = db_->Prepare(kInsert);
    ASSERT_TRUE(insert.ok());
    insert->BindText(1, std::string_view()).BindInt(2, 1);  // a null data pointer
    ASSERT_TRUE(insert->Run().ok());
  }
  EXPECT_EQ(Count(*db_, kCountNullS), 0);
  Result<Stmt> select = db_->Prepare(kSelectAll);
  ASSERT_TRUE(select.ok());
  Result<bool> row = select->Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_FALSE(select->ColumnIsNull(1));
  EXPECT_EQ(select->ColumnText(1), "");
}

TEST_F(DbTest, ValuesRoundTripIncludingNullAndLargeIntegers) {
  {
    Result<Stmt> insert = db_->Prepare(kInsert);
    ASSERT_TRUE(insert.ok());
    insert->BindText(1, "Ndèye Fatou — ça va ?").BindOptionalInt(2, std::nullopt);
    ASSERT_TRUE(insert->Run().ok());
  }
  {
    Result<Stmt> insert = db_->Prepare(kInsert);  // the same cached statement, bindings cleared
    ASSERT_TRUE(insert.ok());
    insert->BindNull(1).BindOptionalInt(2, INT64_MAX);
    ASSERT_TRUE(insert->Run().ok());
  }
  Result<Stmt> select = db_->Prepare(kSelectAll);
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnText(1), "Ndèye Fatou — ça va ?");
  EXPECT_EQ(select->ColumnOptionalInt(2), std::nullopt);
  ASSERT_TRUE(*select->Step());
  EXPECT_TRUE(select->ColumnIsNull(1));
  EXPECT_EQ(select->ColumnText(1), "");
  EXPECT_EQ(select->ColumnOptionalInt(2), std::optional<std::int64_t>(INT64_MAX));
  EXPECT_FALSE(*select->Step());
}

TEST_F(DbTest, ABindingFailureIsReportedByStep) {
  Result<Stmt> insert = db_->Prepare(kInsert);
  ASSERT_TRUE(insert.ok());
  insert->BindText(1, "x").BindInt(2, 1).BindInt(3, 7);  // there is no ?3
  Result<bool> stepped = insert->Step();
  EXPECT_EQ(stepped.error(), Error::kInternal);
  EXPECT_EQ(Count(*db_, kCount), 0);  // nothing ran
}

TEST_F(DbTest, BadSqlIsInternalAndNotCached) {
  static constexpr char kBad[] = "SELEKT 1";
  EXPECT_EQ(db_->Prepare(kBad).error(), Error::kInternal);
  EXPECT_EQ(db_->Prepare(kBad).error(), Error::kInternal);  // still refused, not a dangling entry
}

TEST_F(DbTest, ErrorCodesMapToUnavailableOrInternal) {
  EXPECT_EQ(ToStatus(SQLITE_BUSY, nullptr, "x").error(), Error::kUnavailable);
  EXPECT_EQ(ToStatus(SQLITE_BUSY_SNAPSHOT, nullptr, "x").error(), Error::kUnavailable);
  EXPECT_EQ(ToStatus(SQLITE_LOCKED, nullptr, "x").error(), Error::kUnavailable);
  EXPECT_EQ(ToStatus(SQLITE_IOERR_FSYNC, nullptr, "x").error(), Error::kUnavailable);
  EXPECT_EQ(ToStatus(SQLITE_FULL, nullptr, "x").error(), Error::kUnavailable);
  EXPECT_EQ(ToStatus(SQLITE_CANTOPEN, nullptr, "x").error(), Error::kUnavailable);
  EXPECT_EQ(ToStatus(SQLITE_READONLY, nullptr, "x").error(), Error::kUnavailable);
  EXPECT_EQ(ToStatus(SQLITE_CORRUPT, nullptr, "x").error(), Error::kInternal);
  EXPECT_EQ(ToStatus(SQLITE_CONSTRAINT_UNIQUE, nullptr, "x").error(), Error::kInternal);
  EXPECT_EQ(ToStatus(SQLITE_MISUSE, nullptr, "x").error(), Error::kInternal);
  EXPECT_NE(ToStatus(SQLITE_BUSY, nullptr, "insert").message().find("insert"), std::string::npos);
}

TEST_F(DbTest, ConstraintMessagesNameColumnsNotValues) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE u (email TEXT UNIQUE)").ok());
  static constexpr char kInsertU[] = "INSERT INTO u (email) VALUES (?1)";
  for (int i = 0; i < 2; ++i) {
    Result<Stmt> insert = db_->Prepare(kInsertU);
    ASSERT_TRUE(insert.ok());
    insert->BindText(1, "secret@example.sn");
    Status run = insert->Run();
    if (i == 1) {
      EXPECT_EQ(run.error(), Error::kInternal);
      EXPECT_NE(run.message().find("u.email"), std::string::npos) << run.message();
      EXPECT_EQ(run.message().find("secret"), std::string::npos) << run.message();
    }
  }
}

TEST_F(DbTest, AStatementLeftMidwayDoesNotPinAnOldSnapshot) {
  {
    Result<Stmt> insert = db_->Prepare(kInsert);
    ASSERT_TRUE(insert.ok());
    insert->BindText(1, "a").BindInt(2, 1);
    ASSERT_TRUE(insert->Run().ok());
    insert->Reset();
    insert->BindText(1, "b").BindInt(2, 2);
    ASSERT_TRUE(insert->Run().ok());
  }
  Result<std::unique_ptr<Db>> reader = Db::Open(dir_ + "/t.db", /*create=*/false);
  ASSERT_TRUE(reader.ok());
  {
    Result<Stmt> select = (*reader)->Prepare(kSelectAll);
    ASSERT_TRUE(select.ok());
    ASSERT_TRUE(*select->Step());              // one row of two read: a read transaction is open
    EXPECT_FALSE((*reader)->InTransaction());  // implicit, ends with the statement
  }
  {
    Result<Stmt> insert = db_->Prepare(kInsert);
    ASSERT_TRUE(insert.ok());
    insert->BindText(1, "c").BindInt(2, 3);
    ASSERT_TRUE(insert->Run().ok());
  }
  EXPECT_EQ(Count(**reader, kCount), 3);  // the new row is visible
}

TEST_F(DbTest, QueryHelpersReadOneValue) {
  Result<std::string> mode = db_->QueryText("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  EXPECT_EQ(*mode, "wal");
  Result<std::int64_t> version = db_->QueryInt("PRAGMA user_version");
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 0);
  EXPECT_EQ(db_->QueryInt("SELECT 1 WHERE 0").error(), Error::kInternal);  // no row
}

TEST_F(DbTest, TransactionsAndChanges) {
  EXPECT_FALSE(db_->InTransaction());
  ASSERT_TRUE(db_->Exec("BEGIN").ok());
  EXPECT_TRUE(db_->InTransaction());
  {
    Result<Stmt> insert = db_->Prepare(kInsert);
    ASSERT_TRUE(insert.ok());
    insert->BindText(1, "a").BindInt(2, 1);
    ASSERT_TRUE(insert->Run().ok());
  }
  EXPECT_EQ(db_->Changes(), 1);
  EXPECT_GT(db_->LastInsertRowId(), 0);
  ASSERT_TRUE(db_->Exec("ROLLBACK").ok());
  EXPECT_FALSE(db_->InTransaction());
  EXPECT_EQ(Count(*db_, kCount), 0);
}

}  // namespace
}  // namespace palabre::store::sqlite
