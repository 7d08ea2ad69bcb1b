#include <stdio.h>
int main(void) { puts("medcode"); return 0; }
