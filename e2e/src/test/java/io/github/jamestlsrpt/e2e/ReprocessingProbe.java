package io.github.jamestlsrpt.e2e;

import java.util.Optional;
import javax.inject.Inject;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.util.streams.Limit;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.webadmin.service.ReprocessingService;

/**
 * The operator's retry: James's own {@link ReprocessingService}, the one its web administration calls for {@code
 * PATCH /mailRepositories/{url}/mails?action=reprocess&processor=tlsrpt} (James 3.8 has no automatic retry of a
 * repository). Every mail of the repository is put back into the spool for the given processor and removed from the
 * repository.
 */
final class ReprocessingProbe implements GuiceProbe {

    private final ReprocessingService reprocessing;

    @Inject
    ReprocessingProbe(ReprocessingService reprocessing) {
        this.reprocessing = reprocessing;
    }

    void reprocessAll(MailRepositoryUrl repository, String processor) {
        ReprocessingService.Configuration configuration = new ReprocessingService.Configuration(
                MailQueueFactory.SPOOL, Optional.of(processor), Optional.empty(), true, Limit.unlimited());
        reprocessing
                .reprocessAll(repository.getPath(), configuration, key -> {})
                .block();
    }
}
