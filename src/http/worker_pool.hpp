#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace mn::http {

// A fixed set of threads taking jobs from one queue in order. Each job gets
// the index of the thread that runs it (0 .. threads - 1); a thread runs one
// job at a time, so whatever a job keeps per index (a database connection)
// is never used by two jobs at once.
class WorkerPool {
 public:
  using Job = std::function<void(std::size_t worker)>;

  explicit WorkerPool(std::size_t threads) : thread_count_(threads) {}
  ~WorkerPool();  // stop() and join()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void start();
  std::size_t size() const { return thread_count_; }
  // Thread-safe. A job must not throw (an exception is swallowed).
  void submit(Job job);
  // Thread-safe: each thread finishes the job it runs, then exits.
  void stop();
  // Waits for the threads, then destroys the jobs they never ran. Call
  // from one thread, not a worker.
  void join();

 private:
  void run(std::size_t worker);

  std::size_t thread_count_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace mn::http
