// Thread-safety annotations and the annotated mutexes palabre uses in place of std::mutex.
//
// Clang's -Wthread-safety checks at compile time that a member declared GUARDED_BY(mu_) is only
// touched with mu_ held, that a function declared REQUIRES(mu_) is only called with it held, and
// that a lock taken is released. The macros expand to Clang's attributes under clang and to
// nothing elsewhere (GCC). libstdc++'s std::mutex carries no annotations, so the analysis cannot
// see it taken: palabre::Mutex and palabre::SharedMutex wrap the standard ones with annotated
// members, and MutexLock, ReaderMutexLock and WriterMutexLock are their scoped guards (as
// LevelDB's port::Mutex and Abseil's absl::Mutex). Waiting on a condition: a
// std::condition_variable_any waits on the Mutex itself (`while (!ready_) cv_.wait(mu_);`, with
// mu_ held), so the analysis sees the guarded reads under the lock. docs/ARCHITECTURE.md
// ("Concurrency") says how to run the analysis and ThreadSanitizer.
#pragma once

#include <chrono>
#include <mutex>
#include <shared_mutex>

#if defined(__SANITIZE_THREAD__)
#define PALABRE_TSAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define PALABRE_TSAN_BUILD 1
#endif
#endif
#ifndef PALABRE_TSAN_BUILD
#define PALABRE_TSAN_BUILD 0
#endif

#if defined(__clang__)
#define PALABRE_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define PALABRE_THREAD_ANNOTATION(x)
#endif

// On a class: it is a lock ("mutex" in the warnings).
#define CAPABILITY(x) PALABRE_THREAD_ANNOTATION(capability(x))
// On a class: an RAII guard that acquires in its constructor and releases in its destructor.
#define SCOPED_CAPABILITY PALABRE_THREAD_ANNOTATION(scoped_lockable)
// On a data member: read and written only with the given lock held (shared for a read).
#define GUARDED_BY(x) PALABRE_THREAD_ANNOTATION(guarded_by(x))
// On a pointer member: what it points to is guarded by the given lock (the pointer is not).
#define PT_GUARDED_BY(x) PALABRE_THREAD_ANNOTATION(pt_guarded_by(x))
// On a function: the caller holds the lock(s) (exclusively; REQUIRES_SHARED: at least shared).
#define REQUIRES(...) PALABRE_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define REQUIRES_SHARED(...) PALABRE_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
// On a function: the caller does not hold the lock(s) (the function takes them).
#define EXCLUDES(...) PALABRE_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
// On a function: it acquires (releases) the lock(s), or *this when none is named.
#define ACQUIRE(...) PALABRE_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define ACQUIRE_SHARED(...) PALABRE_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define RELEASE(...) PALABRE_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define RELEASE_SHARED(...) PALABRE_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
// On a function: returns true (the first argument) iff it acquired the lock.
#define TRY_ACQUIRE(...) PALABRE_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
// On a function: the analysis does not look inside it. Each use says why in a comment.
#define NO_THREAD_SAFETY_ANALYSIS PALABRE_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace palabre {

// std::mutex with annotations. Meets BasicLockable, so std::condition_variable_any waits on it.
class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }
  bool try_lock() TRY_ACQUIRE(true) { return mu_.try_lock(); }

 private:
  std::mutex mu_;
};

// Holds a Mutex for its scope.
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~MutexLock() RELEASE() { mu_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

// std::timed_mutex with annotations: try_lock_for, then a TimedMutexLock adopts the lock.
class CAPABILITY("mutex") TimedMutex {
 public:
  TimedMutex() = default;
  TimedMutex(const TimedMutex&) = delete;
  TimedMutex& operator=(const TimedMutex&) = delete;

  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }
  template <typename Duration>
  bool try_lock_for(const Duration& timeout) TRY_ACQUIRE(true) {
#if PALABRE_TSAN_BUILD
    // libstdc++ waits on the steady clock with pthread_mutex_clocklock, which clang 14's TSan
    // does not intercept: it would report the unlock of a mutex it never saw locked. Under TSan
    // only, the wait is on the system clock (pthread_mutex_timedlock, intercepted).
    return mu_.try_lock_until(std::chrono::system_clock::now() + timeout);
#else
    return mu_.try_lock_for(timeout);
#endif
  }

 private:
  std::timed_mutex mu_;
};

// Releases, at the end of its scope, a TimedMutex the caller has just acquired:
//   if (!mu_.try_lock_for(wait)) return ...;
//   TimedMutexLock lock(mu_, std::adopt_lock);
class SCOPED_CAPABILITY TimedMutexLock {
 public:
  TimedMutexLock(TimedMutex& mu, std::adopt_lock_t) REQUIRES(mu) : mu_(mu) {}
  ~TimedMutexLock() RELEASE() { mu_.unlock(); }
  TimedMutexLock(const TimedMutexLock&) = delete;
  TimedMutexLock& operator=(const TimedMutexLock&) = delete;

 private:
  TimedMutex& mu_;
};

// std::shared_mutex with annotations: readers share it, a writer holds it alone.
class CAPABILITY("mutex") SharedMutex {
 public:
  SharedMutex() = default;
  SharedMutex(const SharedMutex&) = delete;
  SharedMutex& operator=(const SharedMutex&) = delete;

  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }
  void lock_shared() ACQUIRE_SHARED() { mu_.lock_shared(); }
  void unlock_shared() RELEASE_SHARED() { mu_.unlock_shared(); }

 private:
  std::shared_mutex mu_;
};

// Holds a SharedMutex exclusively for its scope.
class SCOPED_CAPABILITY WriterMutexLock {
 public:
  explicit WriterMutexLock(SharedMutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~WriterMutexLock() RELEASE() { mu_.unlock(); }
  WriterMutexLock(const WriterMutexLock&) = delete;
  WriterMutexLock& operator=(const WriterMutexLock&) = delete;

 private:
  SharedMutex& mu_;
};

// Holds a SharedMutex shared for its scope.
class SCOPED_CAPABILITY ReaderMutexLock {
 public:
  explicit ReaderMutexLock(SharedMutex& mu) ACQUIRE_SHARED(mu) : mu_(mu) { mu_.lock_shared(); }
  ~ReaderMutexLock() RELEASE() { mu_.unlock_shared(); }
  ReaderMutexLock(const ReaderMutexLock&) = delete;
  ReaderMutexLock& operator=(const ReaderMutexLock&) = delete;

 private:
  SharedMutex& mu_;
};

}  // namespace palabre
