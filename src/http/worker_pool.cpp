#include "http/worker_pool.hpp"

#include <utility>

namespace mn::http {

WorkerPool::~WorkerPool() {
  stop();
  join();
}

void WorkerPool::start() {
  threads_.reserve(thread_count_);
  for (std::size_t worker = 0; worker < thread_count_; ++worker) {
    threads_.emplace_back([this, worker] { run(worker); });
  }
}

void WorkerPool::submit(Job job) {
  {
    const std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void WorkerPool::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
}

void WorkerPool::join() {
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
  std::deque<Job> never_run;
  {
    const std::lock_guard lock(mutex_);
    never_run.swap(jobs_);
  }
  // Destroyed here, outside the lock: a job may own the last reference to
  // something whose destructor calls back into the server.
}

void WorkerPool::run(std::size_t worker) {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    try {
      job(worker);
    } catch (...) {
      // Jobs do not throw (see submit); one that does must not end the worker.
    }
  }
}

}  // namespace mn::http
