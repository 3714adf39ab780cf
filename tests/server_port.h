/* The port of a server the tests started with `serve --listen 127.0.0.1:0 --port-file FILE`. */
#ifndef FINBRIDGE_TESTS_SERVER_PORT_H
#define FINBRIDGE_TESTS_SERVER_PORT_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Waits up to 10 s for the server to write its port to port_file and returns it; a server that
 * did not start ends the test (exit status 2). */
__attribute__((unused)) static int await_server_port(const char *port_file) {
    for (int i = 0; i < 1000; i++) {
        FILE *f = fopen(port_file, "r");
        if (f) {
            int written = 0;
            int ok = fscanf(f, "%d", &written);
            fclose(f);
            if (ok == 1 && written > 0) return written;
        }
        usleep(10000);
    }
    printf("the server did not start\n");
    exit(2);
}
#endif
