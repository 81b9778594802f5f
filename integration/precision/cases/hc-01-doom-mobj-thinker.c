// check: layout-hot-cold
// expect: report
// record: mobj_s
// source: linuxdoom-1.10 p_tick.c P_RunThinkers -> thinker->function.acp1 == P_MobjThinker (p_mobj.c), mobj_t from p_mobj.h, spawned by P_SpawnMobj
// why: every tic every map object runs P_MobjThinker through the thinker function pointer; its momentum, z, floorz, tics and flags are spread over three lines of a 224-byte mobj_t with the blockmap/sprite links and AI fields in between
#include <stdlib.h>

typedef int fixed_t;
typedef unsigned angle_t;
typedef void (*actionf_p1)(void *);

typedef struct thinker_s {
    struct thinker_s *prev;
    struct thinker_s *next;
    actionf_p1 acp1;
} thinker_t;

typedef struct mobj_s {
    thinker_t thinker;
    fixed_t x, y, z;
    struct mobj_s *snext, *sprev;
    angle_t angle;
    int sprite, frame;
    struct mobj_s *bnext, *bprev;
    void *subsector;
    fixed_t floorz, ceilingz;
    fixed_t radius, height;
    fixed_t momx, momy, momz;
    int validcount;
    int type;
    const void *info;
    int tics;
    const void *state;
    int flags;
    int health;
    int movedir, movecount;
    struct mobj_s *target;
    int reactiontime, threshold;
    void *player;
    int lastlook;
    short spawnpoint[5];
    struct mobj_s *tracer;
} mobj_t;

#define MF_SKULLFLY 0x1000000
#define FRICTION 0xe800
#define GRAVITY (1 << 16)

static thinker_t thinkercap = {&thinkercap, &thinkercap, NULL};

static void P_XYMovement(mobj_t *mo) {
    mo->x += mo->momx;
    mo->y += mo->momy;
    mo->momx = (int)(((long long)mo->momx * FRICTION) >> 16);
    mo->momy = (int)(((long long)mo->momy * FRICTION) >> 16);
}

static void P_ZMovement(mobj_t *mo) {
    mo->z += mo->momz;
    if (mo->z <= mo->floorz)
        mo->z = mo->floorz, mo->momz = 0;
    else
        mo->momz -= GRAVITY;
}

static void P_MobjThinker(void *arg) {
    mobj_t *mobj = arg;
    if (mobj->momx || mobj->momy || (mobj->flags & MF_SKULLFLY))
        P_XYMovement(mobj);
    if (mobj->z != mobj->floorz || mobj->momz)
        P_ZMovement(mobj);
    if (mobj->tics != -1 && --mobj->tics == 0)
        mobj->tics = 4;
}

static void P_RunThinkers(void) {
    thinker_t *currentthinker = thinkercap.next;
    while (currentthinker != &thinkercap) {
        if (currentthinker->acp1)
            currentthinker->acp1(currentthinker);
        currentthinker = currentthinker->next;
    }
}

static mobj_t *P_SpawnMobj(fixed_t x, fixed_t y, fixed_t z, int type) {
    mobj_t *mobj = calloc(1, sizeof(*mobj));
    mobj->type = type;
    mobj->x = x, mobj->y = y, mobj->z = z;
    mobj->floorz = 0;
    mobj->tics = 8;
    mobj->health = 100;
    mobj->thinker.acp1 = P_MobjThinker;
    mobj->thinker.prev = thinkercap.prev;
    mobj->thinker.next = &thinkercap;
    thinkercap.prev->next = &mobj->thinker;
    thinkercap.prev = &mobj->thinker;
    return mobj;
}

int main(void) {
    for (int i = 0; i < 2000; i++)
        P_SpawnMobj(i << 16, (i * 7) << 16, (i & 15) << 16, i % 40);
    for (int gametic = 0; gametic < 35 * 60; gametic++)
        P_RunThinkers();
    return 0;
}
