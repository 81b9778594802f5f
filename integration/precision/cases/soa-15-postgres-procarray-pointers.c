// check: layout-aos-to-soa
// expect: quiet
// source: PostgreSQL 9.1 src/backend/storage/ipc/procarray.c GetSnapshotData (for each index: volatile PGPROC *proc = arrayP->procs[index]; xid = proc->xmin; ... proc->xid ...)
// why: the hot snapshot loop reads xmin, xid and vacuumFlags of each backend, but through an array of PGPROC pointers (procs[index]->xmin): the records it visits are not side by side, so this loop is no array-of-structures scan
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef uint32_t TransactionId;
typedef uint32_t Oid;
#define InvalidTransactionId 0
#define PROC_IN_VACUUM 0x02
#define TransactionIdIsNormal(x) ((x) >= 3)
#define TransactionIdPrecedes(a, b) ((int32_t)((a) - (b)) < 0)

typedef struct SHM_QUEUE { struct SHM_QUEUE *prev, *next; } SHM_QUEUE;

typedef struct PGPROC {
    SHM_QUEUE links;
    char sem[32];
    int waitStatus;
    uint32_t lxid;
    TransactionId xid;
    TransactionId xmin;
    int pid;
    int backendId;
    Oid databaseId;
    Oid roleId;
    uint8_t inCommit;
    uint8_t vacuumFlags;
    uint8_t lwWaiting;
    uint8_t lwExclusive;
    struct PGPROC *lwWaitLink;
    void *waitLock;
    void *waitProcLock;
    int waitLockMode;
    int heldLocks;
    SHM_QUEUE myProcLocks[16];
} PGPROC;

typedef struct ProcArrayStruct {
    int numProcs;
    int maxProcs;
    PGPROC *procs[1024];
} ProcArrayStruct;

static ProcArrayStruct *procArray;

static int GetSnapshotData(TransactionId *xip, TransactionId xmax, TransactionId *globalxmin_out) {
    ProcArrayStruct *arrayP = procArray;
    TransactionId globalxmin = xmax;
    int count = 0;
    for (int index = 0; index < arrayP->numProcs; index++) {
        volatile PGPROC *proc = arrayP->procs[index];
        if (proc->vacuumFlags & PROC_IN_VACUUM)
            continue;
        TransactionId xid = proc->xmin;
        if (TransactionIdIsNormal(xid) && TransactionIdPrecedes(xid, globalxmin))
            globalxmin = xid;
        xid = proc->xid;
        if (!TransactionIdIsNormal(xid) || !TransactionIdPrecedes(xid, xmax))
            continue;
        xip[count++] = xid;
    }
    *globalxmin_out = globalxmin;
    return count;
}

static void InitProcGlobal(int MaxBackends) {
    PGPROC *procs = calloc((size_t)MaxBackends, sizeof(PGPROC));
    procArray = calloc(1, sizeof(ProcArrayStruct));
    for (int i = 0; i < MaxBackends; i++) {
        procs[i].pid = 1000 + i;
        procs[i].xid = (TransactionId)(100 + i * 3);
        procs[i].xmin = (TransactionId)(90 + i);
        procArray->procs[procArray->numProcs++] = &procs[(i * 7) % MaxBackends];
    }
}

int main(void) {
    int MaxBackends = 1000;
    InitProcGlobal(MaxBackends);
    TransactionId *xip = malloc(sizeof(TransactionId) * (size_t)MaxBackends), xmin;
    long total = 0;
    for (TransactionId next = 5000; next < 5000 + 1000000; next++)
        total += GetSnapshotData(xip, next, &xmin);
    return total == 0;
}
