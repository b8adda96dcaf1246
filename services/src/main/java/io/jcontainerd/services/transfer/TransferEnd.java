package io.jcontainerd.services.transfer;

/** What a transfer reads from or writes to; the pair decides the operation ({@link TransferService#transfer}). */
public sealed interface TransferEnd permits RegistrySource, ImageStoreTarget, ArchiveImportSource,
        ArchiveExportTarget {
}
