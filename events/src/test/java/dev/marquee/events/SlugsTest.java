package dev.marquee.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        The Matrix (1999)                                   | the+matrix+1999
        'Matrix, The (1999)'                                | the+matrix+1999
        'Matrix, A (1999)'                                  | a+matrix+1999
        'American President, An (1995)'                     | an+american+president+1995
        'Misérables, Les (1995)'                            | les+miserables+1995
        'Haine, La (1995)'                                  | la+haine+1995
        'Mépris, Le (1963)'                                 | le+mepris+1963
        'Postino, Il (1994)'                                | il+postino+1994
        'Boot, Das (1981)'                                  | das+boot+1981
        'Blechtrommel, Die (1979)'                          | die+blechtrommel+1979
        'Laberinto del fauno, El (2006)'                    | el+laberinto+del+fauno+2006
        'City of Lost Children, The (Cité des enfants perdus, La) (1995)' | the+city+of+lost+children+cite+des+enfants+perdus+la+1995
        Fantômas                                            | fantomas
        Fantômas - À l'ombre de la guillotine (1913)        | fantomas+a+l+ombre+de+la+guillotine+1913
        Schindler's List (1993)                             | schindler+s+list+1993
        '  --Hello,   World!!--  '                          | hello+world
        Straße (2001)                                       | strasse+2001
        WALL·E (2008)                                       | wall+e+2008
        Se7en (1995)                                        | se7en+1995
        2001: A Space Odyssey (1968)                        | 2001+a+space+odyssey+1968
        Babylon 5 (1994-1998)                               | babylon+5+1994
        'Good, the Bad and the Ugly, The (1966)'            | the+good+the+bad+and+the+ugly+1966
        ''                                                  | untitled
        '!!!'                                               | untitled
        七人の侍 (1954)                                        | untitled+1954
        """)
    void slugs(String title, String expected) {
        assertEquals(expected, Slugs.slug(title == null ? "" : title));
    }

    @Test
    void nullTitleIsUntitled() {
        assertEquals("untitled", Slugs.slug(null));
    }

    @Test
    void slugsAreValidMovieIds() {
        for (String t : new String[] {"a/b=c,d e (2000)", "x\ty", "---"}) {
            assertTrue(MovieIds.isValid(Slugs.slug(t)), t);
        }
    }

    @Test
    void registrySuffixesCollisionsAndRemembers() {
        SlugRegistry r = new SlugRegistry();
        assertEquals("the+matrix+1999", r.assign("1", "The Matrix (1999)"));
        assertEquals("the+matrix+1999+2", r.assign("2", "Matrix, The (1999)"));
        assertEquals("the+matrix+1999+3", r.assign("3", "The Matrix (1999)"));
        assertEquals("the+matrix+1999", r.assign("1", "Something else entirely"));
        assertEquals("the+matrix+1999+2", r.assign("2", "The Matrix (1999)"));
        assertEquals(3, r.size());
        assertEquals("the+matrix+1999+3", r.slugOf("3").orElseThrow());
        assertTrue(r.slugOf("4").isEmpty());
    }

    @Test
    void registryAvoidsSuffixClashWithARealTitle() {
        SlugRegistry r = new SlugRegistry();
        assertEquals("m+2", r.assign("a", "M 2"));
        assertEquals("m", r.assign("b", "M"));
        String third = r.assign("c", "M");
        assertNotEquals("m+2", third);
        assertEquals("m+3", third);
    }
}
