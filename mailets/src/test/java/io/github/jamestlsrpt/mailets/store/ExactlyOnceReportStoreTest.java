package io.github.jamestlsrpt.mailets.store;

import static io.github.jamestlsrpt.mailets.store.ExactlyOnceReportStore.Result.DUPLICATE;
import static io.github.jamestlsrpt.mailets.store.ExactlyOnceReportStore.Result.STORED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExactlyOnceReportStoreTest {

    private static final MailboxFolder FOLDER = new MailboxFolder("tlsrpt@example.com", "TLS-RPT");
    private static final String KEY = "9b0b7c7546d348d3b99119a51eb0b0e055aed427be28878500a8bc55ead4d9d0";
    private static final String OTHER_KEY = "0f4b5e2a17c5b9e34a0b4c1dfb2f7c6a1e4b0fbd6ac4f7e52c1b0f9a7c3d2e1f";

    private final InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
    private final ExactlyOnceReportStore store = new ExactlyOnceReportStore(mailbox);

    @Nested
    class Sequential {

        @Test
        void shouldCreateTheFolderAndStoreANewReport() throws Exception {
            ExactlyOnceReportStore.Result result = store.store(FOLDER, KEY, message(KEY));

            assertThat(result).isEqualTo(STORED);
            assertThat(mailbox.folderCreations()).isEqualTo(1);
            assertThat(mailbox.messages(FOLDER)).hasSize(1);
        }

        @Test
        void shouldStoreOneCopyWhenTheSameReportArrivesTwice() throws Exception {
            store.store(FOLDER, KEY, message(KEY));

            ExactlyOnceReportStore.Result second = store.store(FOLDER, KEY, message(KEY));

            assertThat(second).isEqualTo(DUPLICATE);
            assertThat(mailbox.messages(FOLDER)).hasSize(1);
        }

        @Test
        void shouldStoreDifferentReports() throws Exception {
            store.store(FOLDER, KEY, message(KEY));

            ExactlyOnceReportStore.Result other = store.store(FOLDER, OTHER_KEY, message(OTHER_KEY));

            assertThat(other).isEqualTo(STORED);
            assertThat(mailbox.messages(FOLDER)).hasSize(2);
        }

        @Test
        void shouldKeepFoldersApart() throws Exception {
            MailboxFolder outOfScope = new MailboxFolder("tlsrpt@example.com", "TLS-RPT.Out-of-scope");
            store.store(FOLDER, KEY, message(KEY));

            ExactlyOnceReportStore.Result result = store.store(outOfScope, KEY, message(KEY));

            assertThat(result).isEqualTo(STORED);
            assertThat(mailbox.messages(outOfScope)).hasSize(1);
        }

        @Test
        void shouldReadOnlyMessagesAddedByOthersOnLaterChecks() throws Exception {
            for (int i = 0; i < 5; i++) {
                mailbox.file(FOLDER, message("filed-" + i));
            }
            store.store(FOLDER, KEY, message(KEY));
            int afterFirstUse = mailbox.scannedMessages();
            store.store(FOLDER, OTHER_KEY, message(OTHER_KEY));
            int afterOwnAppend = mailbox.scannedMessages();
            mailbox.file(FOLDER, message("filed-by-another-server"));

            store.store(FOLDER, "third-key", message("third-key"));

            assertThat(afterFirstUse).isEqualTo(5);
            assertThat(afterOwnAppend).isEqualTo(5); // its own appended message is not read back
            assertThat(mailbox.scannedMessages()).isEqualTo(6); // only the message filed since
        }

        @Test
        void shouldNotReadTheFolderWhenNothingWasAddedSinceItsLastAppend() throws Exception {
            for (int i = 0; i < 10; i++) {
                store.store(FOLDER, "key-" + i, message("key-" + i));
            }

            assertThat(mailbox.messages(FOLDER)).hasSize(10);
            assertThat(mailbox.rangeReads()).isZero();
            assertThat(store.store(FOLDER, "key-3", message("key-3"))).isEqualTo(DUPLICATE);
        }
    }

    @Nested
    class AcrossRestartsAndInstances {

        @Test
        void shouldFindKeysInAnAlreadyPopulatedFolderAfterARestart() throws Exception {
            store.store(FOLDER, KEY, message(KEY));
            ExactlyOnceReportStore afterRestart = new ExactlyOnceReportStore(mailbox);

            ExactlyOnceReportStore.Result result = afterRestart.store(FOLDER, KEY, message(KEY));

            assertThat(result).isEqualTo(DUPLICATE);
            assertThat(mailbox.messages(FOLDER)).hasSize(1);
        }

        @Test
        void shouldSeeAReportThatAnotherInstanceStoredAfterThisOneReadTheFolder() throws Exception {
            ExactlyOnceReportStore other = new ExactlyOnceReportStore(mailbox);
            store.store(FOLDER, OTHER_KEY, message(OTHER_KEY));
            other.store(FOLDER, KEY, message(KEY));

            ExactlyOnceReportStore.Result result = store.store(FOLDER, KEY, message(KEY));

            assertThat(result).isEqualTo(DUPLICATE);
            assertThat(mailbox.messages(FOLDER)).hasSize(2);
        }

        @Test
        void shouldReadAFolderThatWasDeletedAndCreatedAgainFromItsFirstUid() throws Exception {
            store.store(FOLDER, KEY, message(KEY));
            store.store(FOLDER, "second-key", message("second-key"));
            mailbox.deleteFolder(FOLDER);
            mailbox.file(FOLDER, message(OTHER_KEY)); // created again: its UIDs start again at 1

            ExactlyOnceReportStore.Result other = store.store(FOLDER, OTHER_KEY, message(OTHER_KEY));
            ExactlyOnceReportStore.Result first = store.store(FOLDER, KEY, message(KEY));

            assertThat(other).isEqualTo(DUPLICATE); // its UID 1 is below the UIDs read before: read again all the same
            assertThat(first).isEqualTo(STORED); // the folder no longer holds it
            assertThat(mailbox.messages(FOLDER)).hasSize(2);
        }

        @Test
        void shouldIgnoreFiledMessagesWithoutAKey() throws Exception {
            mailbox.file(FOLDER, "Subject: a note\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            mailbox.file(FOLDER, message(OTHER_KEY));

            ExactlyOnceReportStore.Result result = store.store(FOLDER, KEY, message(KEY));

            assertThat(result).isEqualTo(STORED);
            assertThat(store.store(FOLDER, OTHER_KEY, message(OTHER_KEY))).isEqualTo(DUPLICATE);
        }
    }

    @Nested
    class Concurrent {

        @Test
        void shouldStoreOneCopyWhenEightThreadsStoreTheSameReportAtOnce() throws Exception {
            mailbox.slowAppendsBy(Duration.ofMillis(20));
            ExactlyOnceReportStore otherInstance = new ExactlyOnceReportStore(mailbox);

            List<ExactlyOnceReportStore.Result> results =
                    atOnce(8, thread -> (thread % 2 == 0 ? store : otherInstance).store(FOLDER, KEY, message(KEY)));

            assertThat(results).filteredOn(STORED::equals).hasSize(1);
            assertThat(results).filteredOn(DUPLICATE::equals).hasSize(7);
            assertThat(mailbox.messages(FOLDER)).hasSize(1);
            assertThat(mailbox.folderCreations()).isEqualTo(1);
        }

        @Test
        void shouldStoreEachOfManyDifferentReportsArrivingAtOnce() throws Exception {
            List<ExactlyOnceReportStore.Result> results =
                    atOnce(8, thread -> store.store(FOLDER, "key-" + thread, message("key-" + thread)));

            assertThat(results).containsOnly(STORED).hasSize(8);
            assertThat(mailbox.messages(FOLDER)).hasSize(8);
        }
    }

    @Nested
    class Failures {

        @Test
        void shouldNotMarkAReportWhoseAppendFailedAndStoreItOnRetry() throws Exception {
            mailbox.failNextAppend("backend down");

            assertThatThrownBy(() -> store.store(FOLDER, KEY, message(KEY)))
                    .isInstanceOf(ReportMailboxException.class)
                    .hasMessage("backend down")
                    .hasCauseInstanceOf(java.io.IOException.class);
            assertThat(mailbox.messages(FOLDER)).isEmpty();

            assertThat(store.store(FOLDER, KEY, message(KEY))).isEqualTo(STORED);
            assertThat(store.store(FOLDER, KEY, message(KEY))).isEqualTo(DUPLICATE);
            assertThat(mailbox.messages(FOLDER)).hasSize(1);
        }

        @Test
        void shouldReadTheFolderAgainAfterAFailedRead() throws Exception {
            mailbox.file(FOLDER, message(KEY));
            mailbox.failNextScan("timeout");

            assertThatThrownBy(() -> store.store(FOLDER, KEY, message(KEY)))
                    .isInstanceOf(ReportMailboxException.class)
                    .hasMessage("timeout");

            assertThat(store.store(FOLDER, KEY, message(KEY))).isEqualTo(DUPLICATE);
            assertThat(mailbox.messages(FOLDER)).hasSize(1);
        }

        @Test
        void shouldCreateTheFolderAgainWhenItWasDeletedMeanwhile() throws Exception {
            store.store(FOLDER, KEY, message(KEY));
            mailbox.deleteFolder(FOLDER);

            assertThatThrownBy(() -> store.store(FOLDER, OTHER_KEY, message(OTHER_KEY)))
                    .isInstanceOf(ReportMailboxException.class);
            ExactlyOnceReportStore.Result retried = store.store(FOLDER, OTHER_KEY, message(OTHER_KEY));

            assertThat(retried).isEqualTo(STORED);
            assertThat(mailbox.exists(FOLDER)).isTrue();
            assertThat(mailbox.folderCreations()).isEqualTo(2);
        }
    }

    /** Runs the task on that many threads released together by a start gate; the results in thread order. */
    static <T> List<T> atOnce(int threads, ThreadTask<T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                Callable<T> gated = () -> {
                    ready.countDown();
                    start.await();
                    return task.run(thread);
                };
                futures.add(executor.submit(gated));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    @FunctionalInterface
    interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }

    private static byte[] message(String key) {
        return ("Subject: a report\r\n" + ExactlyOnceReportStore.KEY_HEADER + ": " + key + "\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
