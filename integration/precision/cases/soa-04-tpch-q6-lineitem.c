// check: layout-aos-to-soa
// expect: report
// record: lineitem
// source: TPC-H dbgen dss.h/dsstypes.h line_t + the Q6 forecasting-revenue scan (the row-store vs column-store example of MonetDB/X100 and DuckDB)
// why: Q6 steps a pointer through every row and reads shipdate, discount, quantity and extendedprice, 24 of 152 bytes per row; as columns the scan reads about a sixth of the lines
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct lineitem {
    int64_t orderkey;
    int64_t partkey;
    int64_t suppkey;
    int32_t linenumber;
    int32_t quantity;
    int64_t extendedprice;
    int64_t discount;
    int64_t tax;
    char returnflag;
    char linestatus;
    int32_t shipdate;
    int32_t commitdate;
    int32_t receiptdate;
    char shipinstruct[25];
    char shipmode[11];
    char comment[44];
};

static int64_t q6_revenue(const struct lineitem *rows, size_t n, int32_t date_lo, int32_t date_hi) {
    int64_t revenue = 0;
    for (const struct lineitem *l = rows; l < rows + n; l++) {
        if (l->shipdate >= date_lo && l->shipdate < date_hi && l->discount >= 5 && l->discount <= 7 &&
            l->quantity < 24)
            revenue += l->extendedprice * l->discount;
    }
    return revenue;
}

int main(int argc, char **argv) {
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 6001215;
    struct lineitem *rows = calloc(n, sizeof *rows);
    if (!rows)
        return 1;
    for (size_t i = 0; i < n; i++) {
        rows[i].orderkey = (int64_t)(i / 4 + 1);
        rows[i].quantity = (int32_t)(i % 50 + 1);
        rows[i].extendedprice = (int64_t)(90000 + i % 10000);
        rows[i].discount = (int64_t)(i % 11);
        rows[i].shipdate = (int32_t)(8036 + i % 2526);
    }
    int64_t total = 0;
    for (int year = 0; year < 7; year++)
        total += q6_revenue(rows, n, 8766 + 365 * year, 9131 + 365 * year);
    printf("revenue %lld\n", (long long)total);
    free(rows);
    return 0;
}
